package dk.consenthub.reconcile;

import static dk.consenthub.reconcile.ReconcileJournal.batchWrite;
import static dk.consenthub.reconcile.ReconcileJournal.memberWrite;
import static dk.consenthub.support.Journal.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.support.GeckoCustomerList;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubProcess;
import dk.consenthub.support.Journal;
import dk.consenthub.support.SandboxTestEnvironment;
import dk.consenthub.support.TestIds;
import dk.consenthub.system.SandboxServers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconcile in a hub JVM of its own with a 256 MB heap: two full runs over the whole Gecko list, one percent of the
 * customers changed in between. The second run must cost the pages it reads plus ceil(changed / 500) batch writes,
 * nothing more, and finish without running out of memory. {@value #DEFAULT_CUSTOMERS} customers by default, so the
 * suite stays quick (1% is 60 changes, above {@code hub.mailchimp.batch-threshold}: one batch);
 * {@code -Dhub.test.reconcile-customers=100000} runs the size the issue asks for (about ten
 * minutes here, most of it the first run deciding every customer), {@code -Dhub.test.reconcile-heap=160m} tries
 * another heap (see docs/benchmarks.md).
 */
class ReconcileScaleSmallHeapIntegrationTests {

    static final int DEFAULT_CUSTOMERS = 6_000;
    static final int CUSTOMERS = Integer.getInteger("hub.test.reconcile-customers", DEFAULT_CUSTOMERS);
    static final int PAGE_SIZE = 100;
    static final String HEAP = "-Xmx" + System.getProperty("hub.test.reconcile-heap", "256m");
    static final Duration RUN_LIMIT = Duration.ofMinutes(Math.max(3, CUSTOMERS / 10_000));

    final ObjectMapper json = new ObjectMapper();
    final List<String> ids = TestIds.customerIds(CUSTOMERS);

    @TempDir
    Path dataDir;

    @Test
    void onePercentChangedCostsThePagesAndCeilChangedOver500BatchesWithin256Mb() throws Exception {
        Map<String, Integer> ports = Map.of(SandboxServers.GECKO, SandboxTestEnvironment.freePort(),
                SandboxServers.MAILCHIMP, SandboxTestEnvironment.freePort(),
                SandboxServers.GOOGLE, SandboxTestEnvironment.freePort());
        SandboxServers sandbox = SandboxServers.standalone(Path.of("mappings"), ports::get);
        WireMockServer gecko = sandbox.server(SandboxServers.GECKO);
        WireMockServer mailchimp = sandbox.server(SandboxServers.MAILCHIMP);
        HubProcess hub = null;
        try {
            List<StubMapping> pages = GeckoCustomerList.stubPages(gecko, customers(false), PAGE_SIZE);
            Path gcLog = dataDir.resolve("gc.log");
            hub = HubProcess.start(dataDir, List.of(HEAP, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog),
                    settings(ports));
            HubClient admin = hub.client();

            Figures first = Figures.measure("first full run", gcLog, () -> run(admin));
            assertThat(first.report.path("customersSeen").asInt()).isEqualTo(CUSTOMERS);
            assertThat(first.report.path("drift").path("newInGecko").asLong()).isEqualTo(CUSTOMERS);

            pages.forEach(gecko::removeStub);
            GeckoCustomerList.stubPages(gecko, customers(true), PAGE_SIZE);
            gecko.resetRequests();
            mailchimp.resetRequests();
            Figures second = Figures.measure("full, 1% changed", gcLog, () -> run(admin));

            int changed = CUSTOMERS / 100;
            int batches = (changed + 499) / 500;
            int geckoPages = CUSTOMERS / PAGE_SIZE;
            JsonNode report = second.report;
            assertThat(report.path("drift").path("changedInGecko").asLong()).isEqualTo(changed);
            assertThat(report.path("drift").path("unchanged").asLong()).isEqualTo(CUSTOMERS - changed);
            assertThat(report.path("changes").asInt()).isEqualTo(changed);
            assertThat(report.path("writes").asInt()).isEqualTo(changed);
            assertThat(report.path("batchWrites").asInt()).isEqualTo(batches);

            List<LoggedRequest> batchPosts = Journal.requests(mailchimp, batchWrite());
            assertThat(batchPosts).hasSize(batches);
            int members = 0;
            for (LoggedRequest batch : batchPosts) {
                members += json.readTree(batch.getBodyAsString()).path("members").size();
                assertThat(batch.getBodyAsString()).doesNotContain("010190").doesNotContain("Botox");
            }
            assertThat(members).isEqualTo(changed);
            assertThat(Journal.requests(mailchimp, memberWrite())).isEmpty();
            List<LoggedRequest> geckoReads = Journal.requests(gecko, to("GET", "/api/v1/customer?"));
            List<LoggedRequest> memberReads = Journal.requests(mailchimp, to("GET", ReconcileJournal.MEMBERS + "?")
                    .or(to("GET", ReconcileJournal.LIST + "/members?")));
            assertThat(geckoReads).hasSize(geckoPages);
            assertThat(report.path("pagesRead").asInt()).isEqualTo(geckoPages + memberReads.size());
            // the pages read plus the batches: not one request more
            assertThat(Journal.requests(gecko).size() + Journal.requests(mailchimp).size()
                    + Journal.requests(sandbox.server(SandboxServers.GOOGLE)).size())
                    .isEqualTo(report.path("pagesRead").asInt() + batches);

            assertThat(Files.readString(dataDir.resolve("hub.log"))).doesNotContain("OutOfMemoryError");
            System.out.println("RECONCILE FIGURES, HUB JVM (" + CUSTOMERS + " sandbox customers, Gecko page size "
                    + PAGE_SIZE + ", " + HEAP + ", " + Runtime.getRuntime().availableProcessors() + " cores)");
            System.out.println("  " + first);
            System.out.println("  " + second);
        } finally {
            if (hub != null) {
                hub.stop(Duration.ofSeconds(60));
            }
            sandbox.destroy();
        }
    }

    /** A third take the newsletter; {@code changed}: every hundredth customer has said the opposite since. */
    List<Map<String, Object>> customers(boolean changed) {
        List<Map<String, Object>> customers = new ArrayList<>(CUSTOMERS);
        for (int i = 0; i < CUSTOMERS; i++) {
            boolean accepts = i % 3 == 0;
            boolean flipped = changed && i % 100 == 7;
            customers.add(GeckoCustomerList.customer(ids.get(i), "recon.heap" + i + "@example.dk", flipped != accepts,
                    "Nyhedsbrev"));
        }
        return customers;
    }

    /** The sandbox's ports, no scheduled runs: only the test starts them. */
    static List<String> settings(Map<String, Integer> ports) {
        List<String> settings = new ArrayList<>();
        ports.forEach((system, port) -> settings.add("hub.sandbox." + system + "-port=" + port));
        settings.add("hub.reconcile.incremental-cron=0 0 0 1 1 ? 2099");
        settings.add("hub.reconcile.full-cron=0 0 0 1 1 ? 2099");
        return settings;
    }

    /** A full run started as an admin starts it, awaited on its record; it must succeed. */
    JsonNode run(HubClient admin) throws IOException {
        HttpResponse<String> started = admin.post("/admin/reconcile?mode=full", null, new byte[0],
                "Authorization", Hub.ADMIN);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = json.readTree(started.body()).path("runId").asText();
        await().atMost(RUN_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> !json.readTree(
                admin.get("/admin/reconcile/" + runId, "Authorization", Hub.ADMIN).body())
                .path("status").asText().equals("RUNNING"));
        JsonNode report = json.readTree(admin.get("/admin/reconcile/" + runId, "Authorization", Hub.ADMIN).body());
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        return report;
    }

    /**
     * One run's figures: pages, writes and time by its record, the hub's heap by its GC log while the run went on:
     * the largest heap before a collection, and the largest left after one (an upper bound of what the run kept
     * alive, since a young collection leaves the old generation's garbage in place).
     */
    record Figures(String name, JsonNode report, long wallMillis, long peakHeapMb, long peakAfterGcMb, int gcs) {

        private static final Pattern COLLECTION = Pattern.compile("Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

        interface Run {
            JsonNode run() throws Exception;
        }

        static Figures measure(String name, Path gcLog, Run run) throws Exception {
            long linesBefore = Files.exists(gcLog) ? Files.readAllLines(gcLog).size() : 0;
            JsonNode report = run.run();
            long peak = 0;
            long peakAfter = 0;
            int gcs = 0;
            for (String line : Files.readAllLines(gcLog).stream().skip(linesBefore).toList()) {
                Matcher collection = COLLECTION.matcher(line);
                if (collection.find()) {
                    gcs++;
                    peak = Math.max(peak, Long.parseLong(collection.group(1)));
                    peakAfter = Math.max(peakAfter, Long.parseLong(collection.group(2)));
                }
            }
            long wall = Duration.between(Instant.parse(report.path("startedAt").asText()),
                    Instant.parse(report.path("finishedAt").asText())).toMillis();
            return new Figures(name, report, wall, peak, peakAfter, gcs);
        }

        @Override
        public String toString() {
            JsonNode drift = report.path("drift");
            return String.format("%-18s customers=%d pages=%d new=%d changed=%d unchanged=%d writes=%d in %d"
                            + " batch(es) wall=%d ms heap: peak %d MB, after GC at most %d MB (%d collections)",
                    name, report.path("customersSeen").asInt(), report.path("pagesRead").asInt(),
                    drift.path("newInGecko").asLong(), drift.path("changedInGecko").asLong(),
                    drift.path("unchanged").asLong(), report.path("writes").asInt(),
                    report.path("batchWrites").asInt(), wallMillis, peakHeapMb, peakAfterGcMb, gcs);
        }
    }
}
