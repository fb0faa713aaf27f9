package dk.consenthub.reconcile;

import static dk.consenthub.reconcile.ReconcileJournal.MEMBERS;
import static dk.consenthub.reconcile.ReconcileJournal.batchWrite;
import static dk.consenthub.reconcile.ReconcileJournal.memberWrite;
import static dk.consenthub.reconcile.ReconcileJournal.sentBetween;
import static dk.consenthub.support.Journal.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoCustomerList;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.ReconcileClient;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@HubIntegrationTest
class ReconcileIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ReconcileClient reconcile;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

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

            String metrics = hub.metrics();
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
            GeckoCustomerList.stubPages(hub.gecko(), customers, 100);

            Instant from = Instant.now();
            JsonNode report = reconcile.run("incremental", Duration.ofSeconds(60));
            Instant until = Instant.now();

            String tinasMember = MEMBERS + MailchimpMembers.subscriberHash("tina.kjaer@gmail.com");
            List<LoggedRequest> writes = sentBetween(hub.mailchimp(), from, until, memberWrite().or(batchWrite()));
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
            List<LoggedRequest> pages = Journal.requests(hub.gecko(), to("GET", "/api/v1/customer?"));
            assertThat(pages.get(pages.size() - 1).getUrl()).contains("fields=");
        }
    }

    @Nested
    class Batches {

        @Test
        void membersMailchimpRejectsOrTheGuardRefusesAreKeptAsFailedAndTheRestIsWritten() throws Exception {
            List<Map<String, Object>> customers = new ArrayList<>();
            List<String> ids = TestIds.customerIds(62);
            for (int i = 0; i < 60; i++) {
                customers.add(GeckoCustomerList.customer(ids.get(i), "batch.kunde" + i + "@example.dk", true));
            }
            // Mailchimp refuses a permanently deleted address inside the batch; the guard refuses an address with a
            // CPR number in it before the batch leaves
            customers.add(GeckoCustomerList.customer(ids.get(60), "forgotten@example.com", true));
            customers.add(GeckoCustomerList.customer(ids.get(61), "kunde.0101901234@example.dk", true));
            GeckoCustomerList.stubPages(hub.gecko(), customers, 100);
            long failedBefore = jdbc.sql("select count(*) from failed_message where flow = 'reconcile'")
                    .query(Long.class).single();

            Instant from = Instant.now();
            JsonNode report = reconcile.run("incremental", Duration.ofSeconds(60));
            Instant until = Instant.now();

            List<LoggedRequest> batches = sentBetween(hub.mailchimp(), from, until, batchWrite());
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
            hub.gecko().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1/customer"))
                    .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withStatus(503)));

            JsonNode report = reconcile.awaitEnd(reconcile.start("incremental"), Duration.ofSeconds(60));

            assertThat(report.path("status").asText()).isEqualTo("FAILED");
            assertThat(report.path("error").asText()).contains("HTTP_503");
            assertThat(report.path("finishedAt").asText()).isNotBlank();
            hub.removeAddedStubs();
            reconcile.run("incremental", Duration.ofSeconds(60));
        }
    }

    static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
