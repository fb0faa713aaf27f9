package dk.consenthub.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary: one row per figure, hub against its baseline from the same run, as a Markdown table. */
final class Report {

    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A figure measured on both; the ratio is hub / baseline. */
    void compare(String figure, double hub, double baseline, String unit, String target) {
        rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %.2fx | %s |", figure, number(hub, unit),
                number(baseline, unit), hub / baseline, target));
    }

    /** A figure with no baseline (checked against an absolute target). */
    void single(String figure, double hub, String unit, String target) {
        rows.add(String.format(Locale.ROOT, "| %s | %s | - | - | %s |", figure, number(hub, unit), target));
    }

    void note(String format, Object... args) {
        String note = String.format(Locale.ROOT, format, args);
        System.out.println("  " + note);
        notes.add(note);
    }

    String markdown(String heading) {
        StringBuilder out = new StringBuilder(heading).append("\n\n")
                .append("| Figure | Hub | Baseline | Ratio | Target |\n|---|---:|---:|---:|---|\n");
        rows.forEach(row -> out.append(row).append('\n'));
        out.append('\n');
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        return out.toString();
    }

    void write(Path file, String heading) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown(heading));
    }

    private static String number(double value, String unit) {
        String digits = value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return digits + " " + unit;
    }
}
