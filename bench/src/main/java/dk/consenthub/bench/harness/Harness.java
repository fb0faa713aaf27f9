package dk.consenthub.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The load harness of issue 13: accept, deliver and start of the hub against baselines started in the same run,
 * every figure a ratio. Run through bench/run; options are {@code --name=value} (see {@link #option}).
 */
public final class Harness {

    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);

    private final Map<String, String> options;
    private final Stack stack;
    private final Path work;
    private final Report report = new Report();

    private Harness(Map<String, String> options) throws Exception {
        this.options = options;
        this.work = Files.createTempDirectory("consent-hub-bench-");
        this.stack = new Stack(path("repository", "."), path("hub-jar", ""), path("bench-jar", ""), work,
                words(option("jvm", "-Xmx1g")), words(option("hub-args", "")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        new Harness(options).run();
    }

    private String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private Path path(String name, String otherwise) {
        return Path.of(option(name, otherwise)).toAbsolutePath().normalize();
    }

    private int number(String name, int otherwise) {
        return Integer.parseInt(option(name, Integer.toString(otherwise)));
    }

    private void run() throws Exception {
        String loadBefore = loadAverage();
        System.out.println("Work folder (logs, databases, JFR): " + work);
        if (option("database", "h2").equals("postgres")) {
            System.out.println("Database: PostgreSQL 17 (embedded binaries), a database per hub data folder");
            stack.usePostgres();
            report.note("Hub database: PostgreSQL 17 (embedded binaries, in the harness's process), a database of its"
                    + " own per phase; the baselines are unchanged (H2).");
        }
        Wrk.Result hubAccept = accept();
        deliver(hubAccept.perSecond() / 2);
        start();
        if (!option("hub-args", "").isBlank()) {
            report.note("Hub started with %s.", option("hub-args", ""));
        }
        report.note("Machine: %d cores, %s; JDK %s; JVM options of every app: %s; load average before %s, after %s.",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.version"),
                option("jvm", "-Xmx1g"), loadBefore, loadAverage());
        String heading = "Load harness, " + LocalDate.now() + ", commit " + option("commit", "?");
        System.out.println();
        System.out.println(report.markdown("## " + heading));
        Path results = Path.of(option("results", "bench/results")).resolve(LocalDate.now() + ".md");
        report.write(results, "## " + heading);
        System.out.println("Written to " + results);
    }

    /** Accept: wrk against the hub (dispatch running, as by default), then against the bare endpoint. */
    private Wrk.Result accept() throws Exception {
        Wrk wrk = new Wrk(path("wrk-script", "bench/gecko-webhook.lua"), number("connections", 32));
        Duration warmup = Duration.ofSeconds(number("warmup", 5));
        Duration duration = Duration.ofSeconds(number("duration", 20));
        System.out.println("Accept: hub");
        Stack.Hub hub = stack.hub("hub-accept", stack.newDataDir("accept"), List.of(), List.of());
        hub.app().awaitHealthy(HEALTHY_WITHIN);
        wrk.run(hub.app(), "warmup", warmup);
        Profile profile = option("jfr", "false").equals("true") ? Profile.start(hub.app(), work) : null;
        Wrk.Result onHub = wrk.run(hub.app(), "accept", duration);
        if (profile != null) {
            report.note("JFR of the hub during the measured accept run: %s", profile.stop());
        }
        hub.app().stop();
        System.out.println("Accept: baseline");
        Launched baseline = stack.acceptBaseline("baseline-accept", stack.newDataDir("baseline"));
        baseline.awaitHealthy(HEALTHY_WITHIN);
        wrk.run(baseline, "warmup", warmup);
        Wrk.Result onBaseline = wrk.run(baseline, "accept", duration);
        baseline.stop();
        String load = String.format("%d connections, %d s after %d s warm-up", number("connections", 32),
                duration.toSeconds(), warmup.toSeconds());
        report.compare("Accept, requests/s (" + load + ")", onHub.perSecond(), onBaseline.perSecond(), "req/s",
                ">= 0.8x");
        report.compare("Accept, p50", onHub.p50(), onBaseline.p50(), "ms", "");
        report.compare("Accept, p99", onHub.p99(), onBaseline.p99(), "ms", "<= 1.2x");
        report.note("Accept: hub %,d requests (%d failed), baseline %,d (%d failed).", onHub.requests(),
                onHub.failed(), onBaseline.requests(), onBaseline.failed());
        return onHub;
    }

    /**
     * Deliver: a burst of N webhooks into a hub whose dispatch is not started, then the same database under a
     * hub with dispatch running: N upserts, first to last, in the Mailchimp sandbox's journal. Baseline: N
     * member PUTs straight to that sandbox, 10 at once. Then 202-to-Mailchimp latency at {@code pacedRate}.
     */
    private void deliver(double pacedRate) throws Exception {
        int n = number("burst", 5000);
        Path data = stack.newDataDir("deliver");
        System.out.printf("Deliver: burst of %d into a hub with dispatch stopped%n", n);
        Stack.Hub paused = stack.hub("hub-burst", data, List.of(),
                List.of("--camel.main.auto-startup-exclude-pattern=inbox-dispatch"));
        paused.app().awaitAnswering(HEALTHY_WITHIN);
        GeckoWebhooks webhooks = new GeckoWebhooks(paused.app(), "burst");
        webhooks.awaitRoute(HEALTHY_WITHIN);
        Concurrently.Result burst = webhooks.burst(800_000_000L, n, 32);
        paused.app().stop();
        report.note("Deliver: burst of %,d accepted in %.1f s (%d not 202), dispatch stopped.", burst.ok(),
                burst.elapsed().toMillis() / 1000.0, burst.failed());

        System.out.println("Deliver: the same database, dispatch running");
        Stack.Hub hub = stack.hub("hub-deliver", data, List.of(), List.of());
        hub.app().awaitHealthy(HEALTHY_WITHIN);
        MailchimpSandbox mailchimp = new MailchimpSandbox(hub.mailchimpPort());
        Duration drain = Duration.ofMinutes(number("drain-minutes", 12));
        Profile drainProfile = option("jfr", "false").equals("true") ? Profile.start(hub.app(), work, "drain") : null;
        boolean drained = hub.awaitInboxEmpty(drain);
        if (drainProfile != null) {
            report.note("JFR of the hub while it drained the backlog: %s", drainProfile.stop());
        }
        MailchimpSandbox.Upserts delivered = mailchimp.upserts("burst");
        Concurrently.Result direct = mailchimp.directUpserts("direct", 900_000_000L, n, 10);
        report.compare("Deliver, members/s (backlog of " + n + "; baseline: direct PUTs, 10 in flight)",
                delivered.membersPerSecond(), direct.perSecond(), "members/s", ">= 0.85x");
        report.note("Deliver: %,d of %,d members reached the sandbox (%s), in %,d requests (PUTs and batches); rate from the first"
                + " member's upsert to the last member's first one. Direct client: %,d ok, %d failed.",
                delivered.firstAt().size(), burst.ok(), drained ? "inbox empty" : "inbox NOT empty after " + drain,
                delivered.total(), direct.ok(), direct.failed());

        System.out.printf("Latency: webhooks at %.0f/s, half the hub's accept rate%n", pacedRate);
        Profile pacedProfile = option("jfr", "false").equals("true") ? Profile.start(hub.app(), work, "paced") : null;
        Map<String, Long> accepted = new GeckoWebhooks(hub.app(), "paced")
                .paced(850_000_000L, pacedRate, Duration.ofSeconds(number("paced-seconds", 10)));
        drained = hub.awaitInboxEmpty(drain);
        if (pacedProfile != null) {
            report.note("JFR of the hub during the paced run and its drain: %s", pacedProfile.stop());
        }
        MailchimpSandbox.Upserts reached = mailchimp.upserts("paced");
        hub.app().stop();
        Histogram latency = new Histogram(3_600_000L, 3);
        accepted.forEach((hash, at) -> {
            Long upserted = reached.firstAt().get(hash);
            if (upserted != null) {
                latency.recordValue(Math.max(0, upserted - at));
            }
        });
        String figure = String.format("202 -> Mailchimp request at %.0f webhooks/s", pacedRate);
        report.single(figure + ", p50", latency.getValueAtPercentile(50), "ms", "");
        report.single(figure + ", p99", latency.getValueAtPercentile(99), "ms", "< 1,000 ms");
        report.note("Latency: %,d webhooks accepted in %d s, %,d members reached Mailchimp (%s) in %,d requests; max"
                + " %,d ms.", accepted.size(), number("paced-seconds", 10), reached.firstAt().size(),
                drained ? "inbox empty" : "inbox NOT empty after " + drain, reached.total(), latency.getMaxValue());
    }

    /** Start: process start to /actuator/health UP, hub (fresh database) and bare stack alternately. */
    private void start() throws Exception {
        int runs = number("starts", 3);
        List<Long> hub = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            System.out.printf("Start: run %d of %d%n", i, runs);
            Launched app = stack.hub("hub-start-" + i, stack.newDataDir("start-" + i), List.of(), List.of()).app();
            hub.add(app.awaitHealthy(HEALTHY_WITHIN).toMillis());
            app.stop();
            Launched baseline = stack.bareStack("bare-start-" + i);
            bare.add(baseline.awaitHealthy(HEALTHY_WITHIN).toMillis());
            baseline.stop();
        }
        report.compare("Start to healthy, median of " + runs + " (baseline: Boot + Camel + Security)",
                median(hub) / 1000.0, median(bare) / 1000.0, "s", "hub < 8 s");
        report.note("Start, ms: hub %s, bare stack %s.", hub, bare);

        System.out.println("Start: the hub extracted, with a CDS archive from a training start");
        Stack.Extracted extracted = stack.extractedWithCds();
        List<Long> fast = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Launched app = stack.hub("hub-start-cds-" + i, extracted.jar(), stack.newDataDir("start-cds-" + i),
                    extracted.jvmOptions(), List.of()).app();
            fast.add(app.awaitHealthy(HEALTHY_WITHIN).toMillis());
            app.stop();
        }
        report.compare("Start to healthy, median of " + runs + ": hub extracted + CDS (baseline: the packaged hub above)",
                median(fast) / 1000.0, median(hub) / 1000.0, "s", "< 8 s");
        report.note("Start, ms: hub extracted + CDS %s (%s).", fast, extracted.jvmOptions());
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String cpuModel() throws Exception {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    }
}
