package dk.consenthub.reconcile;

import static dk.consenthub.support.Journal.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoCustomerList;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.ReconcileClient;
import dk.consenthub.system.SandboxServers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@HubIntegrationTest
class ReconcileIntegrationTests {

    static final String LIST = "/3.0/lists/a1b2c3d4e5";
    static final String MEMBERS = LIST + "/members/";

    @LocalServerPort
    int port;

    @Autowired
    SandboxServers sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ReconcileRuns runs;

    HubClient hub;
    ReconcileClient reconcile;
    WireMockServer gecko;
    WireMockServer mailchimp;
    final List<StubMapping> addedStubs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        reconcile = new ReconcileClient(hub, runs);
        gecko = sandbox.server(SandboxServers.GECKO);
        mailchimp = sandbox.server(SandboxServers.MAILCHIMP);
    }

    @AfterEach
    void removeAddedStubs() {
        addedStubs.forEach(gecko::removeStubMapping);
        addedStubs.clear();
    }

    /** Requests that left for {@code server} between two instants (the journal's own clock, milliseconds). */
    static List<LoggedRequest> sentBetween(WireMockServer server, Instant from, Instant until,
                                           Predicate<LoggedRequest> filter) {
        return Journal.requests(server, r -> !r.getLoggedDate().toInstant().isBefore(from.minusMillis(1))
                && !r.getLoggedDate().toInstant().isAfter(until.plusMillis(1)) && filter.test(r));
    }

    static Predicate<LoggedRequest> memberWrite() {
        return r -> (r.getMethod().getName().equals("PUT") || r.getMethod().getName().equals("PATCH"))
                && r.getUrl().startsWith(MEMBERS);
    }

    static Predicate<LoggedRequest> batchWrite() {
        return r -> r.getMethod().getName().equals("POST") && r.getUrl().equals(LIST);
    }

    @Nested
    class AdminApi {

        @Test
        void refusesCallersWithoutCredentials() {
            assertThat(hub.postJson("/admin/reconcile?mode=full", "").statusCode()).isEqualTo(401);
            assertThat(hub.post("/admin/reconcile?mode=full", null, new byte[0],
                    "Authorization", HubClient.basic("admin", "wrong")).statusCode()).isEqualTo(401);
            assertThat(hub.get("/admin/reconcile/00000000-0000-4000-8000-000000000000").statusCode())
                    .isEqualTo(401);
            // a bare form POST (no credentials, no CSRF token) is refused before authentication
            assertThat(hub.post("/admin/reconcile?mode=full", null, new byte[0]).statusCode()).isEqualTo(403);
            assertThat(jdbc.sql("select count(*) from reconcile_run where status = 'RUNNING'").query(Long.class)
                    .single()).isZero();
        }

        @Test
        void startsARunAnswering202WithItsIdAndReportsItsDrift() throws Exception {
            HttpResponse<String> started = reconcile.post("full");

            assertThat(started.statusCode()).isEqualTo(202);
            JsonNode answer = json.readTree(started.body());
            String runId = answer.path("runId").asText();
            assertThat(runId).matches("[0-9a-f-]{36}");
            assertThat(answer.path("report").asText()).isEqualTo("/admin/reconcile/" + runId);
            assertThat(started.headers().firstValue("Location")).contains("/admin/reconcile/" + runId);
            assertThat(started.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("mode"));

            JsonNode report = reconcile.awaitEnd(runId, Duration.ofSeconds(60));
            assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(report.path("mode").asText()).isEqualTo("full");
            assertThat(report.path("trigger").asText()).isEqualTo("admin");
            assertThat(report.path("customersSeen").asInt()).isEqualTo(60);
            assertThat(report.path("pagesRead").asInt()).isEqualTo(2); // one Gecko page, one Mailchimp page
            assertThat(report.path("membersRead").asInt()).isEqualTo(3);
            assertThat(report.path("finishedAt").asText()).isNotBlank();
            JsonNode drift = report.path("drift");
            assertThat(iterable(drift.fieldNames())).containsExactlyInAnyOrderElementsOf(ReconcileRun.DRIFT_KINDS);
            assertThat(drift.path("erasing").asLong()).as("the sandbox's two customers tagged \"Slet data\"").isEqualTo(2);
            assertThat(drift.path("unchanged").asLong() + drift.path("newInGecko").asLong()
                    + drift.path("changedInGecko").asLong() + drift.path("erasing").asLong()).isEqualTo(60);

            String metrics = hub.get("/actuator/prometheus").body();
            assertThat(metrics).contains("hub_reconcile_runs_total{mode=\"full\",status=\"succeeded\"}")
                    .contains("hub_reconcile_drift{kind=\"missingInMailchimp\",mode=\"full\"}");
        }

        @Test
        void refusesAnUnknownModeNamingTheField() throws Exception {
            HttpResponse<String> response = reconcile.post("nightly");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("mode");
            assertThat(response.body()).doesNotContain("nightly");
        }

        @Test
        void answers404ForAnUnknownRun() {
            assertThat(reconcile.report("00000000-0000-4000-8000-000000000000").statusCode()).isEqualTo(404);
        }

        @Test
        void refusesAMalformedRunIdNamingTheField() throws Exception {
            JsonNode problem = problem(reconcile.report("not-a-run"), 400);

            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("runId");
        }

        @Test
        void answers409NamingTheRunThatHoldsTheLockAndStartsNothing() throws Exception {
            String holder = "run-on-another-node";
            // the lock as a run on another node holds it, once no run of an earlier test does
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                    update reconcile_lock set run_id = :id, held_until = :until
                    where id = 1 and (run_id is null or held_until < :now)
                    """).param("id", holder).param("until", Timestamp.from(Instant.now().plusSeconds(300)))
                    .param("now", Timestamp.from(Instant.now())).update() == 1);
            try {
                long recorded = jdbc.sql("select count(*) from reconcile_run").query(Long.class).single();

                JsonNode problem = problem(reconcile.post("incremental"), 409);

                assertThat(problem.path("title").asText()).isEqualTo("Conflict");
                assertThat(problem.path("detail").asText()).isEqualTo("Reconcile run " + holder + " is in progress.");
                assertThat(jdbc.sql("select count(*) from reconcile_run").query(Long.class).single()).isEqualTo(recorded);
            } finally {
                jdbc.sql("update reconcile_lock set run_id = null, held_until = null where id = 1 and run_id = :id")
                        .param("id", holder).update();
            }
        }

        /** The answer as a problem document, after checking its status and type. */
        JsonNode problem(HttpResponse<String> response, int status) throws Exception {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            return json.readTree(response.body());
        }
    }

    @Nested
    class LostWebhook {

        @Test
        void aGeckoChangeWhoseWebhookWasLostIsWrittenByTheNextIncrementalRun() throws Exception {
            reconcile.run("incremental", Duration.ofSeconds(60));
            List<ObjectNode> customers = GeckoCustomerList.sandboxCustomers();
            ObjectNode tina = customers.stream().filter(c -> c.path("customerId").asText().equals("41427"))
                    .findFirst().orElseThrow();
            assertThat(tina.path("customerAcceptsMarketingEmail").asBoolean()).isFalse();
            // Tina ticks the newsletter box in Gecko; the webhook never arrives
            tina.put("customerAcceptsMarketingEmail", true);
            addedStubs.addAll(GeckoCustomerList.stubPages(gecko, customers, 100));

            Instant from = Instant.now();
            JsonNode report = reconcile.run("incremental", Duration.ofSeconds(60));
            Instant until = Instant.now();

            String tinasMember = MEMBERS + MailchimpMembers.subscriberHash("tina.kjaer@gmail.com");
            List<LoggedRequest> writes = sentBetween(mailchimp, from, until, memberWrite().or(batchWrite()));
            assertThat(writes).hasSize(1);
            assertThat(writes.get(0).getMethod().getName()).isEqualTo("PUT");
            assertThat(writes.get(0).getUrl()).isEqualTo(tinasMember);
            JsonNode sent = json.readTree(writes.get(0).getBodyAsString());
            assertThat(sent.path("email_address").asText()).isEqualTo("tina.kjaer@gmail.com");
            // she had said no before: a renewed yes re-subscribes under double opt-in
            assertThat(sent.path("status").asText()).isEqualTo("pending");
            assertThat(report.path("drift").path("changedInGecko").asLong()).isEqualTo(1);
            assertThat(report.path("changes").asInt()).isEqualTo(1);
            assertThat(report.path("writes").asInt()).isEqualTo(1);
            assertThat(report.path("batchWrites").asInt()).isZero();
            List<LoggedRequest> pages = Journal.requests(gecko, to("GET", "/api/v1/customer?"));
            assertThat(pages.get(pages.size() - 1).getUrl()).contains("fields=");
        }
    }

    @Nested
    class Batches {

        @Test
        void membersMailchimpRejectsOrTheGuardRefusesAreKeptAsFailedAndTheRestIsWritten() throws Exception {
            List<Map<String, Object>> customers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                customers.add(GeckoCustomerList.customer(String.valueOf(8_000_000 + i), "batch.kunde" + i + "@example.dk",
                        true));
            }
            // Mailchimp refuses a permanently deleted address inside the batch; the guard refuses an address with a
            // CPR number in it before the batch leaves
            customers.add(GeckoCustomerList.customer("8000100", "forgotten@example.com", true));
            customers.add(GeckoCustomerList.customer("8000101", "kunde.0101901234@example.dk", true));
            addedStubs.addAll(GeckoCustomerList.stubPages(gecko, customers, 100));
            long failedBefore = jdbc.sql("select count(*) from failed_message where flow = 'reconcile'")
                    .query(Long.class).single();

            Instant from = Instant.now();
            JsonNode report = reconcile.run("incremental", Duration.ofSeconds(60));
            Instant until = Instant.now();

            List<LoggedRequest> batches = sentBetween(mailchimp, from, until, batchWrite());
            assertThat(batches).hasSize(1);
            String sent = batches.get(0).getBodyAsString();
            assertThat(sent).contains("forgotten@example.com").doesNotContain("0101901234");
            assertThat(report.path("changes").asInt()).isEqualTo(62);
            assertThat(report.path("batchWrites").asInt()).isEqualTo(1);
            assertThat(report.path("writeErrors").asInt()).isEqualTo(2);
            assertThat(report.path("writes").asInt()).isEqualTo(60);
            assertThat(json.readTree(sent).path("members")).hasSize(61);
            List<Map<String, Object>> failed = jdbc.sql("""
                    select error_type, masked_message, target from failed_message where flow = 'reconcile'
                    order by last_failed_at
                    """).query().listOfRows();
            assertThat(failed).hasSize((int) failedBefore + report.path("writeErrors").asInt());
            assertThat(failed).extracting(f -> f.get("error_type")).contains("FORGOTTEN_EMAIL", "EGRESS_BLOCKED");
            assertThat(failed).allSatisfy(f -> assertThat((String) f.get("masked_message"))
                    .doesNotContain("@").doesNotContain("0101901234"));
        }
    }

    @Nested
    class Failures {

        @Test
        void aGeckoOutageFailsTheRunSayingWhyAndFreesTheLock() throws Exception {
            addedStubs.add(gecko.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1/customer"))
                    .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withStatus(503))));

            JsonNode report = reconcile.awaitEnd(reconcile.start("incremental"), Duration.ofSeconds(60));

            assertThat(report.path("status").asText()).isEqualTo("FAILED");
            assertThat(report.path("error").asText()).contains("HTTP_503");
            assertThat(report.path("finishedAt").asText()).isNotBlank();
            gecko.removeStubMapping(addedStubs.remove(0));
            reconcile.run("incremental", Duration.ofSeconds(60));
        }
    }

    @Nested
    class TenThousandCustomers {

        static final int CUSTOMERS = 10_000;

        List<Map<String, Object>> customers(Set<Integer> flipped) {
            List<Map<String, Object>> customers = new ArrayList<>(CUSTOMERS);
            for (int i = 0; i < CUSTOMERS; i++) {
                boolean accepts = i % 3 == 0; // a third take the newsletter
                customers.add(GeckoCustomerList.customer(String.valueOf(9_000_000 + i),
                        "recon.kunde" + i + "@example.dk", flipped.contains(i) != accepts, "Nyhedsbrev"));
            }
            return customers;
        }

        void stub(List<Map<String, Object>> customers) {
            addedStubs.forEach(gecko::removeStubMapping);
            addedStubs.clear();
            addedStubs.addAll(GeckoCustomerList.stubPages(gecko, customers, 100));
        }

        @Test
        void onePercentChangedIsOneBatchAndAFullRunRightAfterWritesNothing() throws Exception {
            Set<Integer> flipped = new HashSet<>();
            for (int i = 7; i < CUSTOMERS; i += 100) {
                flipped.add(i);
            }
            List<Figures> figures = new ArrayList<>();

            stub(customers(Set.of()));
            Instant firstFrom = Instant.now();
            Figures first = Figures.measure("first full run", () -> reconcile.run("full", Duration.ofSeconds(120)));
            figures.add(first);
            // the third who said yes are added; a "no" from someone who never said yes has nothing to take back
            Map<String, Long> firstStatuses = new java.util.TreeMap<>();
            for (LoggedRequest batch : sentBetween(mailchimp, firstFrom, Instant.now(), batchWrite())) {
                json.readTree(batch.getBodyAsString()).path("members").forEach(m -> firstStatuses.merge(
                        m.path("status").asText(m.path("status_if_new").asText()), 1L, Long::sum));
            }
            assertThat(firstStatuses).isEqualTo(Map.of("subscribed", 3334L));
            assertThat(first.report.path("customersSeen").asInt()).isEqualTo(CUSTOMERS);
            assertThat(first.report.path("drift").path("newInGecko").asLong()
                    + first.report.path("drift").path("changedInGecko").asLong()
                    + first.report.path("drift").path("unchanged").asLong()).isEqualTo(CUSTOMERS);

            stub(customers(flipped));
            Instant from = Instant.now();
            Figures second = Figures.measure("incremental, 1% changed", () -> reconcile.run("incremental",
                    Duration.ofSeconds(120)));
            Instant until = Instant.now();
            figures.add(second);

            assertThat(second.report.path("drift").path("changedInGecko").asLong()).isEqualTo(100);
            assertThat(second.report.path("drift").path("unchanged").asLong()).isEqualTo(CUSTOMERS - 100);
            assertThat(second.report.path("changes").asInt()).isEqualTo(100);
            assertThat(second.report.path("batchWrites").asInt()).isEqualTo(1);
            assertThat(second.report.path("writes").asInt()).isEqualTo(100);
            List<LoggedRequest> batches = sentBetween(mailchimp, from, until, batchWrite());
            assertThat(batches).hasSize(1);
            JsonNode batch = json.readTree(batches.get(0).getBodyAsString());
            assertThat(batch.path("update_existing").asBoolean()).isTrue();
            assertThat(batch.path("members")).hasSize(100);
            Set<String> statuses = new HashSet<>();
            batch.path("members").forEach(m -> statuses.add(m.path("status").asText()));
            assertThat(statuses).containsExactlyInAnyOrder("unsubscribed", "pending");
            assertThat(batches.get(0).getBodyAsString()).doesNotContain("010190").doesNotContain("Botox");
            assertThat(sentBetween(mailchimp, from, until, memberWrite())).isEmpty();
            assertThat(sentBetween(gecko, from, until, to("GET", "/api/v1/customer?"))).hasSize(100);

            from = Instant.now();
            Figures third = Figures.measure("full run right after", () -> reconcile.run("full",
                    Duration.ofSeconds(120)));
            until = Instant.now();
            figures.add(third);

            assertThat(third.report.path("writes").asInt()).isZero();
            assertThat(third.report.path("batchWrites").asInt()).isZero();
            assertThat(third.report.path("drift").path("unchanged").asLong()).isEqualTo(CUSTOMERS);
            assertThat(sentBetween(mailchimp, from, until, memberWrite().or(batchWrite()))).isEmpty();

            // nothing of the notes is kept: the fingerprints are hashes, the subjects hold no note
            assertThat(jdbc.sql("select count(*) from customer_fingerprint where gecko_customer_id like '90%'")
                    .query(Long.class).single()).isEqualTo(CUSTOMERS);

            System.out.println("RECONCILE FIGURES (" + CUSTOMERS + " sandbox customers, Gecko page size 100, max heap "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB, " + Runtime.getRuntime().availableProcessors()
                    + " cores)");
            figures.forEach(f -> System.out.println("  " + f));
        }
    }

    /**
     * One run's figures: what it read and wrote, how long it took (by its own record, and end to end through the
     * admin API), and the heap while it ran. The heap pools peak at different moments, so their sum bounds the peak
     * from above; the old generation's peak is closer to what the run kept alive.
     */
    record Figures(String name, JsonNode report, long wallMillis, long endToEndMillis, long peakHeapBytes,
                   long peakOldBytes, long heapBeforeBytes) {

        interface Run {
            JsonNode run() throws Exception;
        }

        static Figures measure(String name, Run run) throws Exception {
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            JsonNode report = run.run();
            long endToEnd = (System.nanoTime() - start) / 1_000_000;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long old = heap.stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long wall = Duration.between(Instant.parse(report.path("startedAt").asText()),
                    Instant.parse(report.path("finishedAt").asText())).toMillis();
            return new Figures(name, report, wall, endToEnd, peak, old, before);
        }

        @Override
        public String toString() {
            JsonNode drift = report.path("drift");
            return String.format("%-24s customers=%d pages=%d (Gecko %d + Mailchimp %d) new=%d changed=%d"
                            + " unchanged=%d writes=%d in %d batch(es) wall=%d ms (end to end %d ms)"
                            + " heap: before %d MB, peak <= %d MB, old-gen peak %d MB",
                    name, report.path("customersSeen").asInt(), report.path("pagesRead").asInt(),
                    report.path("pagesRead").asInt() - 1, 1, drift.path("newInGecko").asLong(),
                    drift.path("changedInGecko").asLong(), drift.path("unchanged").asLong(),
                    report.path("writes").asInt(), report.path("batchWrites").asInt(), wallMillis, endToEndMillis,
                    heapBeforeBytes >> 20, peakHeapBytes >> 20, peakOldBytes >> 20);
        }
    }

    static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
