package dk.consenthub.newsletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.reconcile.MemberPage;
import dk.consenthub.reconcile.NewsletterMember;
import dk.consenthub.reconcile.ReconcileRun;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Mailchimp's member list for the reconcile scan: {@code GET /lists/{id}/members} with {@code count}/{@code offset}
 * paging and, on incremental runs, {@code since_last_changed}. Only address, status and {@code last_changed} are
 * asked for ({@code fields=}) and read.
 */
@Component("mailchimpMemberPages")
class MailchimpMemberPages {

    static final String FIELDS = "members.email_address,members.status,members.last_changed,total_items";
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final MailchimpProperties properties;
    private final ObjectMapper json;

    MailchimpMemberPages(MailchimpProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    public EgressRequest request(@ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("count", String.valueOf(run.getMailchimpPageSize()));
        query.put("offset", String.valueOf(run.getMemberOffset()));
        query.put("fields", FIELDS);
        if (run.getMembersSince() != null) {
            query.put("since_last_changed", SINCE.format(run.getMembersSince().truncatedTo(ChronoUnit.SECONDS)
                    .atOffset(ZoneOffset.UTC)));
        }
        return new EgressRequest(MailchimpDestination.NAME, "member-list", "GET",
                "/lists/" + properties.listId() + "/members", query, null, Set.of(), Set.of());
    }

    public MemberPage read(@Body byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        JsonNode members = root == null ? null : root.path("members");
        if (members == null || !members.isArray()) {
            throw new IllegalStateException("Mailchimp's member list answered without members");
        }
        List<NewsletterMember> page = new ArrayList<>(members.size());
        for (JsonNode member : members) {
            String email = member.path("email_address").asText("").trim();
            String status = member.path("status").asText("");
            if (!email.isEmpty() && !status.isEmpty()) {
                page.add(new NewsletterMember(email, status, lastChanged(member.path("last_changed").asText(""))));
            }
        }
        return new MemberPage(page, root.path("total_items").asLong(0));
    }

    /** ISO 8601 with an offset, e.g. {@code 2025-11-25T07:48:10+00:00}; unreadable means unknown. */
    private static Instant lastChanged(String text) {
        try {
            return text.isEmpty() ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
