package dk.consenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.newsletter.MailchimpMembers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Mailchimp's part of a report, read through {@code egress-mailchimp}: the member record (status, marketing
 * permissions, merge fields, sign-up and opt-in), then, for a member Mailchimp holds, the recent activity and the
 * tags. A 404 for the member means Mailchimp does not hold the address: a result, not a failure.
 */
@Component("accessMailchimp")
class MailchimpSection {

    /** The section being made, as an exchange property; {@link #HELD}: whether Mailchimp holds the member. */
    static final String SECTION = "hubAccessMailchimp";
    static final String HELD = "hubAccessMailchimpHeld";

    static final List<String> MEMBER = List.of("email_address", "status", "email_type", "merge_fields", "language",
            "vip", "source", "ip_signup", "timestamp_signup", "ip_opt", "timestamp_opt", "last_changed",
            "unsubscribe_reason");
    static final List<String> PERMISSION = List.of("text", "enabled");
    static final List<String> ACTIVITY = List.of("activity_type", "created_at_timestamp", "campaign_title",
            "link_clicked");
    static final List<String> TAG = List.of("name", "date_added");

    private final MailchimpMembers members;
    private final AccessProperties properties;
    private final ObjectMapper json;

    MailchimpSection(MailchimpMembers members, AccessProperties properties, ObjectMapper json) {
        this.members = members;
        this.properties = properties;
        this.json = json;
    }

    public EgressRequest member(@ExchangeProperty(AccessQueue.WORK) AccessWork work, Exchange exchange) {
        exchange.setProperty(SECTION, json.createObjectNode());
        return members.read(work.subject().email(), "", Map.of());
    }

    public void readMember(@Header(Exchange.HTTP_RESPONSE_CODE) int status, @Body byte[] body,
                           @ExchangeProperty(SECTION) ObjectNode section, Exchange exchange) throws IOException {
        boolean held = status != 404;
        exchange.setProperty(HELD, held);
        section.put("held", held);
        if (held) {
            JsonNode member = json.readTree(body);
            ObjectNode kept = ReportFields.keep(member, MEMBER);
            ArrayNode permissions = kept.putArray("marketing_permissions");
            member.path("marketing_permissions").forEach(p -> permissions.add(ReportFields.keep(p, PERMISSION)));
            section.set("member", kept);
        }
    }

    public EgressRequest activity(@ExchangeProperty(AccessQueue.WORK) AccessWork work) {
        return members.read(work.subject().email(), "/activity-feed",
                Map.of("count", String.valueOf(properties.recentActivity())));
    }

    public void readActivity(@Body byte[] body, @ExchangeProperty(SECTION) ObjectNode section) throws IOException {
        section.set("activity", list(body, "activity", ACTIVITY));
    }

    public EgressRequest tags(@ExchangeProperty(AccessQueue.WORK) AccessWork work) {
        return members.read(work.subject().email(), "/tags", Map.of("count", "1000"));
    }

    public void readTags(@Body byte[] body, @ExchangeProperty(SECTION) ObjectNode section) throws IOException {
        section.set("tags", list(body, "tags", TAG));
    }

    /** The section, as the task's result. */
    public JsonNode section(@ExchangeProperty(SECTION) ObjectNode section) {
        return section;
    }

    private ArrayNode list(byte[] body, String field, List<String> kept) throws IOException {
        ArrayNode items = json.createArrayNode();
        JsonNode answer = body == null || body.length == 0 ? null : json.readTree(body);
        if (answer != null) {
            answer.path(field).forEach(item -> items.add(ReportFields.keep(item, kept)));
        }
        return items;
    }
}
