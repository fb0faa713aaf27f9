package dk.consenthub.newsletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.ConsentReport;
import java.io.IOException;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/** Opens a stored Mailchimp webhook as a consent report. */
@Component("mailchimpWebhooks")
class MailchimpWebhooks {

    private final ObjectMapper json;

    MailchimpWebhooks(ObjectMapper json) {
        this.json = json;
    }

    public ConsentReport report(@Body byte[] payload) throws IOException {
        MailchimpWebhookEvent event = json.readValue(payload, MailchimpWebhookEvent.class);
        Boolean newsletter = switch (event.type()) {
            case "subscribe" -> Boolean.TRUE;
            case "unsubscribe", "cleaned" -> Boolean.FALSE;
            default -> null;
        };
        String kind = ReadMailchimpWebhook.TYPES.contains(event.type()) && !event.type().equals("campaign")
                && !event.type().equals("profile") ? event.type() : "other";
        return new ConsentReport("mailchimp", kind, null, event.email(), event.newEmail(), null, newsletter,
                event.firedAt());
    }
}
