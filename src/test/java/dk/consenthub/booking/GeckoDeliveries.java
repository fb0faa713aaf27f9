package dk.consenthub.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.Hub;
import dk.consenthub.support.Journal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the Gecko webhook tests share: deliveries to the token webhook, the events the hub's inbox stored, and what
 * reached a Mailchimp member.
 */
abstract class GeckoDeliveries {

    static final String TOKEN = "sandbox-gecko-webhook-token";
    static final String HOOK = "/webhooks/gecko/" + TOKEN;

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    InboxStore inbox;

    @Autowired
    JdbcClient jdbc;

    HttpResponse<String> send(Map<String, Object> payload) throws Exception {
        return hub.postJson(HOOK, json.writeValueAsString(payload));
    }

    long storedEvents() {
        return jdbc.sql("select count(*) from inbox_event").query(Long.class).single();
    }

    List<LoggedRequest> memberRequests(String email) {
        String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        return Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(path));
    }
}
