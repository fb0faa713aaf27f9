package dk.consenthub.inbox;

import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import dk.consenthub.support.TestWebhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Stored payloads expire: processed events after hub.inbox.retention, a person's events at their erasure. */
@HubIntegrationTest
class InboxRetentionIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    InboxStore inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate camel;

    String geckoEvent(String customerId) throws Exception {
        HttpResponse<String> response = hub.postJson(TestWebhooks.GECKO_HOOK, json.writeValueAsString(Map.of(
                "CUSTOMERID", customerId, "CUSTOMEREMAIL", "retention." + customerId + "@example.dk",
                "CUSTOMERACCEPTSMARKETINGEMAIL", "1")));
        assertThat(response.statusCode()).isEqualTo(202);
        String eventId = json.readTree(response.body()).path("eventId").asText();
        hub.webhooks().settled(eventId);
        return eventId;
    }

    int purge() {
        return camel.requestBody("direct:inbox-dispatch-purge", null, Integer.class);
    }

    @Test
    void processedEventsArePurgedOnceTheRetentionHasPassedAndNotBefore() throws Exception {
        String eventId = geckoEvent(TestIds.customerId());
        assertThat(inbox.status(eventId)).contains(InboxStore.Status.DONE);

        hub.clock().advance(Duration.ofDays(29));
        purge();
        assertThat(inbox.status(eventId)).as("29 days after processing").contains(InboxStore.Status.DONE);

        hub.clock().advance(Duration.ofDays(2));
        assertThat(purge()).isGreaterThanOrEqualTo(1);
        assertThat(inbox.status(eventId)).as("31 days after processing").isEmpty();
    }

    @Test
    void aFailedEventStaysWhileItsFailedMessageDoesThenGoesWithIt() throws Exception {
        // the Mailchimp sandbox answers "Member In Compliance State" for this address: terminal, the event fails
        HttpResponse<String> response = hub.postJson(TestWebhooks.GECKO_HOOK, json.writeValueAsString(Map.of(
                "CUSTOMERID", TestIds.customerId(), "CUSTOMEREMAIL", "compliance.state@example.com",
                "CUSTOMERACCEPTSMARKETINGEMAIL", "1")));
        String eventId = json.readTree(response.body()).path("eventId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.FAILED);

        hub.clock().advance(Duration.ofDays(31));
        purge();
        assertThat(inbox.status(eventId)).as("its failed message may still replay it").contains(InboxStore.Status.FAILED);

        jdbc.sql("delete from failed_message where inbox_event_id = :id").param("id", eventId).update();
        purge();
        assertThat(inbox.status(eventId)).isEmpty();
    }

    @Test
    void anErasurePurgesTheEventsFiledUnderAnEarlierAddress() throws Exception {
        String n = TestIds.customerId();
        String old = "earlier." + n + "@example.dk";
        String current = "current." + n + "@example.dk";
        hub.webhooks().mailchimp("subscribe", old, java.time.Instant.now());
        String upemail = mailchimpUpemail(old, current);
        hub.webhooks().settled(upemail);
        String oldKey = inbox.subjectKey("mailchimp", old);
        assertThat(eventsUnder(oldKey)).as("subscribe and upemail, filed under the old address").isEqualTo(2);

        HttpResponse<String> requested = hub.postJson("/admin/erasures",
                "{\"email\":\"" + current + "\",\"reason\":\"subject-request\"}", "Authorization", ADMIN);
        assertThat(requested.statusCode()).isEqualTo(202);
        String caseId = json.readTree(requested.body()).path("caseId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(jdbc.sql(
                "select status from erasure_task where case_id = :c and target = 'hub'").param("c", caseId)
                .query(String.class).optional().orElse("")));

        assertThat(eventsUnder(oldKey)).isZero();
        assertThat(jdbc.sql("select count(*) from subject_earlier_inbox_key where inbox_subject_key = :k")
                .param("k", oldKey).query(Long.class).single()).isZero();
    }

    long eventsUnder(String subjectKey) {
        return jdbc.sql("select count(*) from inbox_event where subject_key = :k").param("k", subjectKey)
                .query(Long.class).single();
    }

    String mailchimpUpemail(String old, String current) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "upemail");
        form.put("fired_at", "2026-12-01 10:00:00");
        form.put("data[list_id]", "a1b2c3d4e5");
        form.put("data[new_id]", MailchimpMembers.subscriberHash(current));
        form.put("data[old_email]", old);
        form.put("data[new_email]", current);
        HttpResponse<String> response = hub.postForm(TestWebhooks.MAILCHIMP_HOOK, form);
        assertThat(response.statusCode()).isEqualTo(202);
        return json.readTree(response.body()).path("eventId").asText();
    }
}
