package dk.consenthub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.newsletter.MailchimpMembers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Every member write Mailchimp accepted, by subscriber hash: an upsert answered 200 ({@code PUT .../members/{hash}})
     * or a member of a batch ({@code POST /lists/{id}}) its answer did not reject. The count is how often each was
     * written.
     */
    public static Map<String, Integer> membersWritten(WireMockServer mailchimp) {
        Map<String, Integer> written = new HashMap<>();
        for (ServeEvent event : mailchimp.getAllServeEvents()) {
            LoggedRequest request = event.getRequest();
            String path = request.getUrl();
            if (event.getResponse().getStatus() != 200) {
                continue;
            }
            if (request.getMethod().getName().equals("PUT") && path.startsWith("/3.0/lists/a1b2c3d4e5/members/")) {
                written.merge(path.substring(path.lastIndexOf('/') + 1), 1, Integer::sum);
            } else if (request.getMethod().getName().equals("POST") && path.equals("/3.0/lists/a1b2c3d4e5")) {
                batchMembers(request, event.getResponse().getBodyAsString())
                        .forEach(email -> written.merge(MailchimpMembers.subscriberHash(email), 1, Integer::sum));
            }
        }
        return written;
    }

    /** The batch requests ({@code POST /lists/{id}}) the sandbox received. */
    public static List<LoggedRequest> batches(Hub hub) {
        return Journal.requests(hub.mailchimp(), r -> r.getMethod().getName().equals("POST")
                && r.getUrl().equals("/3.0/lists/a1b2c3d4e5"));
    }

    /** The addresses a batch request carried, in order. */
    public static List<String> addresses(LoggedRequest batch) {
        return read(batch.getBodyAsString()).path("members").findValuesAsText("email_address");
    }

    private static List<String> batchMembers(LoggedRequest request, String answer) {
        Set<String> rejected = new HashSet<>(read(answer).path("errors").findValuesAsText("email_address"));
        return addresses(request).stream().filter(email -> !rejected.contains(email)).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
