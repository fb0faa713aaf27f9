package dk.consenthub.failed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.ConsentChange;
import dk.consenthub.consent.ConsentDecisions.NewsletterDecision;
import dk.consenthub.consent.Purpose;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.reconcile.NewsletterWrite;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The failed-message admin API: what admins see, what they may do, and what a replay sends. */
@HubIntegrationTest
class FailedMessagesApiIntegrationTests {

    static final String BLOCKED_GROUP = "mailchimp|EGRESS_BLOCKED|gecko.customer.updated";

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FailedMessageStore store;

    @Autowired
    FailedRetention retention;

    static String memberPath(String email) {
        return "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
    }

    HttpResponse<String> get(String path) {
        return hub.get(path, "Authorization", ADMIN);
    }

    HttpResponse<String> post(String path, String body) {
        return hub.postJson(path, body, "Authorization", ADMIN);
    }

    JsonNode read(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    /** A Gecko grant that ends as a failed message; answers its id. */
    String failedGrant(String email) throws Exception {
        HttpResponse<String> accepted = hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token",
                json.writeValueAsString(GeckoPayloads.customer(TestIds.customerId(), email, "ja")));
        String event = read(accepted).path("eventId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "select count(*) from failed_message where inbox_event_id = :e").param("e", event)
                .query(Long.class).single() == 1);
        return jdbc.sql("select id from failed_message where inbox_event_id = :e").param("e", event)
                .query(String.class).single();
    }

    /** An address that carries a CPR number: the guard blocks it, every time. */
    static String blockedEmail() {
        return "anna" + TestIds.customerId() + "x0102901234@example.dk";
    }

    JsonNode replayed(String body) throws Exception {
        HttpResponse<String> started = post("/admin/failed-messages/replay", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String run = "/admin/replays/" + read(started).path("runId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> read(get(run)).path("status").asText().equals("FINISHED"));
        return read(get(run));
    }

    @Nested
    class BadRequests {

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
                "{} => ids",
                "{\"ids\":[],\"ratePerSecond\":1} => ids",
                "{\"ids\":[\"no-such-id-7\"]} => ids",
                "{\"ids\":[\"a\"],\"group\":\"g\"} => group",
                "{\"group\":\"secret-group-value|X|Y\"} => group",
                "{\"all\":true,\"ratePerSecond\":0} => ratePerSecond",
                "{\"all\":true,\"ratePerSecond\":-3.5} => ratePerSecond",
                "{\"all\":\"yes-please-value\"} => all",
                "null => ids",
                "[1,2] => -"})
        void aBadReplayBodyIsAProblemNamingTheFieldAndNotItsValue(String body, String field) throws Exception {
            HttpResponse<String> answer = post("/admin/failed-messages/replay", body);

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            if (!field.equals("-")) {
                assertThat(read(answer).path("errors").findValuesAsText("field")).contains(field);
            }
            assertThat(answer.body()).doesNotContain("no-such-id-7", "secret-group-value", "yes-please-value", "-3.5");
        }

        @Test
        void archiveWithoutASelectionIsAProblemNamingTheFields() throws Exception {
            HttpResponse<String> answer = post("/admin/failed-messages/archive", "{\"all\":true}");

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(read(answer).path("errors").findValuesAsText("field")).containsExactly("ids", "group");
        }

        @Test
        void anUnknownStatusFilterIsAProblemNamingIt() throws Exception {
            HttpResponse<String> answer = get("/admin/failed-messages?status=sideways-value");

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(read(answer).path("errors").findValuesAsText("field")).containsExactly("status");
            assertThat(answer.body()).doesNotContain("sideways-value");
        }

        @Test
        void anUnknownMessageOrRunIsNotFound() {
            assertThat(get("/admin/failed-messages/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
            assertThat(get("/admin/replays/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class Blocked {

        @Test
        void theDetailIsMaskedMetadataNeverTheAddress() throws Exception {
            String email = blockedEmail();
            String id = failedGrant(email);

            HttpResponse<String> detail = get("/admin/failed-messages/" + id);
            assertThat(detail.statusCode()).isEqualTo(200);
            JsonNode view = read(detail);
            assertThat(view.path("errorType").asText()).isEqualTo("EGRESS_BLOCKED");
            assertThat(view.path("groupKey").asText()).isEqualTo(BLOCKED_GROUP);
            assertThat(view.path("status").asText()).isEqualTo("FAILED");
            assertThat(detail.body()).doesNotContain(email, "0102901234", "@example.dk");
            JsonNode page = read(get("/admin/failed-messages?errorType=EGRESS_BLOCKED&page=0&size=500"));
            assertThat(page.path("total").asLong()).isPositive();
            assertThat(page.path("items").findValuesAsText("id")).contains(id);
            assertThat(page.toString()).doesNotContain(email);
        }

        @Test
        void aReplayRunsTheGuardAgainAndABlockedMessageStaysBlocked() throws Exception {
            String email = blockedEmail();
            String id = failedGrant(email);

            JsonNode run = replayed(json.writeValueAsString(Map.of("ids", List.of(id))));

            assertThat(run.path("failedAgain").asInt()).isEqualTo(1);
            assertThat(run.path("succeeded").asInt()).isZero();
            JsonNode view = read(get("/admin/failed-messages/" + id));
            assertThat(view.path("status").asText()).isEqualTo("FAILED");
            assertThat(view.path("attempts").asInt()).isEqualTo(2);
            assertThat(jdbc.sql("select count(*) from failed_message where inbox_event_id = :e")
                    .param("e", view.path("inboxEventId").asText()).query(Long.class).single()).isEqualTo(1);
            assertThat(Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(memberPath(email)))).isEmpty();
        }

        @Test
        void aGroupIsArchivedAndRestored() throws Exception {
            String id = failedGrant(blockedEmail());

            JsonNode archived = read(post("/admin/failed-messages/archive", "{\"group\":\"" + BLOCKED_GROUP + "\"}"));
            assertThat(archived.path("changed").asInt()).isPositive();
            assertThat(store.status(id)).contains(FailedMessageStore.Status.ARCHIVED);
            assertThat(read(get("/admin/failed-messages/groups")).findValuesAsText("groupKey")).doesNotContain(BLOCKED_GROUP);
            assertThat(read(get("/admin/failed-messages/groups?status=ARCHIVED")).findValuesAsText("groupKey"))
                    .contains(BLOCKED_GROUP);
            // an archived message is not replayed
            assertThat(replayed("{\"ids\":[\"" + id + "\"]}").path("skipped").asInt()).isEqualTo(1);

            JsonNode restored = read(post("/admin/failed-messages/restore", "{\"group\":\"" + BLOCKED_GROUP + "\"}"));
            assertThat(restored.path("changed").asInt()).isEqualTo(archived.path("changed").asInt());
            assertThat(store.status(id)).contains(FailedMessageStore.Status.FAILED);
        }
    }

    @Nested
    class Replay {

        @Test
        void twoRunsOfTheSameMessageAtOnceSendItOnce() throws Exception {
            String email = TestIds.email("twice");
            hub.mailchimp().stubFor(put(urlPathEqualTo(memberPath(email))).atPriority(1)
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Invalid Resource\",\"status\":400}")));
            String id = failedGrant(email);
            hub.removeAddedStubs();
            String body = "{\"ids\":[\"" + id + "\"],\"ratePerSecond\":50}";

            CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> call(() -> replayed(body)));
            CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(() -> call(() -> replayed(body)));

            assertThat(first.get().path("succeeded").asInt() + second.get().path("succeeded").asInt()).isEqualTo(1);
            assertThat(first.get().path("skipped").asInt() + second.get().path("skipped").asInt()).isEqualTo(1);
            assertThat(hub.mailchimp().getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(memberPath(email)))
                    .filter(e -> e.getResponse().getStatus() == 200).count()).isEqualTo(1);
            assertThat(store.status(id)).contains(FailedMessageStore.Status.RESOLVED);
        }

        @Test
        void aReconcileWriteIsSentAgainFromItsStoredPayload() throws Exception {
            String email = TestIds.email("recon");
            NewsletterWrite write = new NewsletterWrite(NewsletterDecision.SUBSCRIBE, new ConsentChange("gecko",
                    TestIds.customerId(), email, "Mette", Purpose.NEWSLETTER, true, Instant.now()));
            String id = store.record(new FailedMessage(null, "reconcile", "reconcile-write-members", "mailchimp",
                    "HTTP_503", "reconcile.newsletter-write", "mailchimp answered 503", 1, json.writeValueAsBytes(write)));

            JsonNode run = replayed("{\"ids\":[\"" + id + "\"]}");

            assertThat(run.path("succeeded").asInt()).isEqualTo(1);
            assertThat(Journal.requests(hub.mailchimp(), Journal.to("PUT", memberPath(email)))).singleElement()
                    .satisfies(r -> assertThat(r.getBodyAsString()).contains("\"status_if_new\":\"subscribed\""));
            assertThat(store.status(id)).contains(FailedMessageStore.Status.RESOLVED);
        }
    }

    @Nested
    class Retention {

        @Test
        void resolvedAndArchivedMessagesArePurgedAfterTheRetentionFailedOnesAreKept() throws Exception {
            String old = store.record(new FailedMessage(null, "reconcile", "step", "mailchimp", "HTTP_503",
                    "reconcile.newsletter-write", "old", 1, "{}".getBytes()));
            String oldArchived = store.record(new FailedMessage(null, "reconcile", "step", "mailchimp", "HTTP_503",
                    "reconcile.newsletter-write", "old", 1, "{}".getBytes()));
            String oldFailed = store.record(new FailedMessage(null, "reconcile", "step", "mailchimp", "HTTP_503",
                    "reconcile.newsletter-write", "old", 1, "{}".getBytes()));
            String recent = store.record(new FailedMessage(null, "reconcile", "step", "mailchimp", "HTTP_503",
                    "reconcile.newsletter-write", "recent", 1, "{}".getBytes()));
            store.transition(old, FailedMessageStore.Status.FAILED, FailedMessageStore.Status.RESOLVED);
            store.transition(oldArchived, FailedMessageStore.Status.FAILED, FailedMessageStore.Status.ARCHIVED);
            store.transition(recent, FailedMessageStore.Status.FAILED, FailedMessageStore.Status.RESOLVED);
            jdbc.sql("update failed_message set status_changed_at = :at where id in (:ids)")
                    .param("at", java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(31))))
                    .param("ids", List.of(old, oldArchived, oldFailed)).update();

            assertThat(retention.purge()).isGreaterThanOrEqualTo(2);

            assertThat(store.status(old)).isEmpty();
            assertThat(store.status(oldArchived)).isEmpty();
            assertThat(store.status(oldFailed)).contains(FailedMessageStore.Status.FAILED);
            assertThat(store.status(recent)).contains(FailedMessageStore.Status.RESOLVED);
        }
    }

    @Nested
    class OpenApi {

        @Test
        void theDocumentListsTheFailedMessageAndReplayPaths() throws Exception {
            HttpResponse<String> document = get("/v3/api-docs");

            assertThat(document.statusCode()).isEqualTo(200);
            assertThat(read(document).path("paths").fieldNames()).toIterable().contains(
                    "/admin/failed-messages", "/admin/failed-messages/groups", "/admin/failed-messages/{id}",
                    "/admin/failed-messages/replay", "/admin/failed-messages/archive",
                    "/admin/failed-messages/restore", "/admin/replays", "/admin/replays/{runId}");
            assertThat(hub.get("/v3/api-docs").statusCode()).isEqualTo(401);
        }
    }

    static <T> T call(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
