package dk.consenthub.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JFR recording of one app over the measured run (jcmd JFR.start / JFR.stop), summarised as the methods most
 * often on the sampled stacks: by self time (top frame) and by total time (anywhere on the stack).
 */
final class Profile {

    private static final int TOP = 25;

    private final long pid;
    private final Path file;

    private Profile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static Profile start(Launched app, Path work) throws IOException, InterruptedException {
        return start(app, work, "");
    }

    /** A recording of one phase of {@code app}, named after both ({@code hub-deliver-drain.jfr}). */
    static Profile start(Launched app, Path work, String phase) throws IOException, InterruptedException {
        Profile profile = new Profile(app.pid(), work.resolve(app.name + (phase.isEmpty() ? "" : "-" + phase) + ".jfr"));
        profile.jcmd("JFR.start", "name=bench", "settings=profile");
        return profile;
    }

    /** Stops the recording, writes the top frames beside it and returns that file's path. */
    Path stop() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=bench", "filename=" + file);
        Process print = new ProcessBuilder("jfr", "print", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                file.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(print.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        print.waitFor();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> selfByPackage = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> hubTotal = new HashMap<>();
        int samples = 0;
        Set<String> onStack = new HashSet<>();
        boolean inStack = false;
        boolean top = false;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.startsWith("sampledThread = \"")) {
                // pool threads by pool: "http-nio-127.0.0.1-8080-exec-5" -> "http-nio-127.0.0.1-8080-exec-#"
                String thread = line.substring(17, line.indexOf('"', 17)).replaceAll("\\d+$", "#");
                byThread.merge(thread, 1, Integer::sum);
            } else if (line.startsWith("stackTrace = [")) {
                inStack = true;
                top = true;
                onStack.clear();
                samples++;
            } else if (inStack && line.equals("]")) {
                inStack = false;
                onStack.forEach(frame -> hubTotal.merge(frame, 1, Integer::sum));
            } else if (inStack && !line.equals("...")) {
                String frame = line.replaceFirst("\\s+line:.*$", "");
                if (top) {
                    self.merge(frame, 1, Integer::sum);
                    selfByPackage.merge(packageOf(frame), 1, Integer::sum);
                    top = false;
                }
                if (frame.startsWith("dk.consenthub.")) {
                    onStack.add(frame);
                }
            }
        }
        Path summary = file.resolveSibling(file.getFileName() + ".top.txt");
        Files.writeString(summary, "samples: " + samples
                + "\n\nby thread (pools numbered #):\n" + ranked(byThread, samples)
                + "\nself time by package (top frame):\n" + ranked(selfByPackage, samples)
                + "\nself time by method (top frame):\n" + ranked(self, samples)
                + "\nhub methods, total time (anywhere on the stack, 64 frames deep):\n" + ranked(hubTotal, samples));
        return summary;
    }

    /** {@code org.h2.mvstore.MVStore.store()} -> {@code org.h2.mvstore}; at most three parts. */
    private static String packageOf(String frame) {
        String[] parts = frame.substring(0, frame.indexOf('(') < 0 ? frame.length() : frame.indexOf('(')).split("\\.");
        int keep = Math.min(3, parts.length - 2);
        return String.join(".", Arrays.copyOf(parts, Math.max(1, keep)));
    }

    private static String ranked(Map<String, Integer> counts, int samples) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .map(e -> String.format("%5.1f%%  %s", 100.0 * e.getValue() / samples, e.getKey()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        args.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
