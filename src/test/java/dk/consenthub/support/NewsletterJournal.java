package dk.consenthub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.newsletter.MailchimpMembers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** What the Mailchimp sandbox's journal shows of one member: the requests about it, and the statuses they set. */
public final class NewsletterJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NewsletterJournal() {
    }

    public static List<LoggedRequest> memberRequests(Hub hub, String email) {
        String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        return Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(path));
    }

    /** {@code PUT subscribed}, {@code PATCH unsubscribed}, {@code PUT pending}...: method and the status it sets. */
    public static List<String> statusesSent(Hub hub, String email) {
        return memberRequests(hub, email).stream().map(r -> {
            try {
                JsonNode body = JSON.readTree(r.getBodyAsString());
                return r.getMethod().getName() + " " + body.path("status").asText(body.path("status_if_new").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
