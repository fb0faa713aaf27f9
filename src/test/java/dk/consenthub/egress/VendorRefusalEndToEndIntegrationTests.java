package dk.consenthub.egress;

import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import dk.consenthub.support.TestWebhooks;
import dk.consenthub.system.SandboxServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Input the hub accepts but a vendor refuses as malformed: the vendor's sandbox answers as the vendor does, the hub
 * sends the request once, does not retry it, and records a failure that names the vendor's error, not the address.
 */
@HubIntegrationTest
class VendorRefusalEndToEndIntegrationTests {

    /** Long enough for an in-flight redelivery (20 ms) or an inbox retry (200 ms) to have shown up. */
    static final Duration NO_RETRY_WINDOW = Duration.ofSeconds(1);

    private final Hub hub;
    private final ObjectMapper json;
    private final InboxStore inbox;
    private final JdbcClient jdbc;

    @Autowired
    VendorRefusalEndToEndIntegrationTests(Hub hub, ObjectMapper json, InboxStore inbox, JdbcClient jdbc) {
        this.hub = hub;
        this.json = json;
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    /** What a sandbox received and answered, for the requests {@code sent} selects. */
    List<ServeEvent> served(String system, Predicate<ServeEvent> sent) {
        WireMockServer server = hub.server(system);
        return server.getAllServeEvents().stream().filter(sent).toList();
    }

    void sentOnceAndNeverAgain(String system, Predicate<ServeEvent> sent) {
        await().during(NO_RETRY_WINDOW).atMost(NO_RETRY_WINDOW.multipliedBy(5))
                .until(() -> served(system, sent).size() == 1);
    }

    @Test
    void anAddressMailchimpRefusesIsOneRequestAndAFailedMessageNamingMailchimpsError() throws Exception {
        String customerId = TestIds.customerId();
        // the webhook takes it (an RFC 6531 address); Mailchimp takes no UTF-8 before the @
        String email = "søren." + customerId + "@example.dk";
        String memberPath = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        Predicate<ServeEvent> upsert = e -> e.getRequest().getUrl().equals(memberPath);

        HttpResponse<String> accepted = hub.postJson(TestWebhooks.GECKO_HOOK,
                json.writeValueAsString(GeckoPayloads.customer(customerId, email, "ja")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = json.readTree(accepted.body()).path("eventId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.FAILED);

        sentOnceAndNeverAgain(SandboxServers.MAILCHIMP, upsert);
        ServeEvent sent = served(SandboxServers.MAILCHIMP, upsert).get(0);
        assertThat(sent.getRequest().getMethod().getName()).isEqualTo("PUT");
        assertThat(json.readTree(sent.getRequest().getBodyAsString()).path("email_address").asText()).isEqualTo(email);
        assertThat(sent.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(sent.getResponse().getBodyAsString()).path("title").asText()).isEqualTo("Invalid Resource");

        Map<String, Object> failed = jdbc.sql("""
                select id, target, error_type, masked_message, attempts from failed_message where inbox_event_id = :event
                """).param("event", eventId).query().singleRow();
        assertThat(failed).containsEntry("target", "mailchimp").containsEntry("error_type", "INVALID_RESOURCE")
                .containsEntry("attempts", 1);
        assertThat((String) failed.get("masked_message")).contains("400", "INVALID_RESOURCE")
                .doesNotContain(email).doesNotContain("søren").doesNotContain(customerId);
        HttpResponse<String> shown = hub.get("/admin/failed-messages/" + failed.get("id"), "Authorization", ADMIN);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(json.readTree(shown.body()).path("errorType").asText()).isEqualTo("INVALID_RESOURCE");
        assertThat(shown.body()).doesNotContain(email).doesNotContain("søren");
        assertThat(jdbc.sql("select last_error from inbox_event where id = :id").param("id", eventId)
                .query(String.class).single()).contains("INVALID_RESOURCE").doesNotContain(email);
    }

    @Test
    void anAddressGoogleCannotReadIsOneRequestAndAFailedErasureTaskNamingGooglesStatus() throws Exception {
        // the admin API takes an address with a trailing dot; Google's userProvidedData needs a dotted domain
        String email = "anna." + TestIds.customerId() + "@example.dk.";
        Predicate<ServeEvent> deletion = e -> e.getRequest().getUrl().contains("submitUserDeletion")
                && e.getRequest().getBodyAsString().contains(email);

        HttpResponse<String> requested = hub.postJson("/admin/erasures",
                json.writeValueAsString(Map.of("email", email, "reason", "subject-request")), "Authorization", ADMIN);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String receiptPath = "/admin/erasures/" + json.readTree(requested.body()).path("caseId").asText();
        JsonNode[] google = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode task : json.readTree(hub.get(receiptPath, "Authorization", ADMIN).body()).path("tasks")) {
                if (task.path("target").asText().equals("google")) {
                    google[0] = task;
                }
            }
            return google[0] != null && google[0].path("status").asText().equals("FAILED");
        });

        sentOnceAndNeverAgain(SandboxServers.GOOGLE, deletion);
        ServeEvent sent = served(SandboxServers.GOOGLE, deletion).get(0);
        assertThat(json.readTree(sent.getRequest().getBodyAsString()).path("userProvidedData").asText()).isEqualTo(email);
        assertThat(sent.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(sent.getResponse().getBodyAsString()).path("error").path("status").asText())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(google[0].path("outcome").asText()).contains("INVALID_ARGUMENT", "400").doesNotContain(email)
                .doesNotContain("anna.");
        assertThat(google[0].path("attempts").asInt()).isEqualTo(1);
    }
}
