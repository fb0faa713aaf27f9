package dk.consenthub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.newsletter.MailchimpMembers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends the sandbox webhooks a test needs and waits until the hub has processed them. */
public final class TestWebhooks {

    public static final String GECKO_HOOK = "/webhooks/gecko/sandbox-gecko-webhook-token";
    public static final String MAILCHIMP_HOOK = "/webhooks/mailchimp/sandbox-mailchimp-webhook-token";

    private final HubClient hub;
    private final ObjectMapper json;
    private final InboxStore inbox;

    public TestWebhooks(HubClient hub, ObjectMapper json, InboxStore inbox) {
        this.hub = hub;
        this.json = json;
        this.inbox = inbox;
    }

    public void gecko(Map<String, Object> payload) throws Exception {
        HttpResponse<String> response = hub.postJson(GECKO_HOOK, json.writeValueAsString(payload));
        assertThat(response.statusCode()).isIn(200, 202);
        settled(json.readTree(response.body()).path("eventId").asText());
    }

    /** A Mailchimp webhook of {@code type} (subscribe, unsubscribe, ...) for an address, fired at {@code firedAt}. */
    public void mailchimp(String type, String email, Instant firedAt) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", type);
        form.put("fired_at", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(firedAt));
        form.put("data[id]", MailchimpMembers.subscriberHash(email));
        form.put("data[list_id]", "a1b2c3d4e5");
        form.put("data[email]", email);
        HttpResponse<String> response = hub.postForm(MAILCHIMP_HOOK, form);
        assertThat(response.statusCode()).isIn(200, 202);
        settled(json.readTree(response.body()).path("eventId").asText());
    }

    /** Done, failed, or purged by an erasure of its subject. */
    public void settled(String eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId)
                .map(s -> s == InboxStore.Status.DONE || s == InboxStore.Status.FAILED).orElse(true));
    }
}
