package dk.consenthub.newsletter;

import dk.consenthub.consent.ConsentChange;
import dk.consenthub.consent.ConsentDecisions.NewsletterDecision;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.reconcile.NewsletterWrite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Builds the Mailchimp member requests of the consent flows; the egress route sends them. */
@Component("mailchimpMembers")
public class MailchimpMembers {

    private static final Set<String> IDENTIFIERS = Set.of("email_address");
    private static final Set<String> BATCH_IDENTIFIERS = Set.of("members[].email_address");

    private final MailchimpProperties properties;

    MailchimpMembers(MailchimpProperties properties) {
        this.properties = properties;
    }

    /** A first grant: add the member as subscribed if new; an existing member keeps its status (an unsubscribe stands). */
    public EgressRequest upsert(ConsentChange change) {
        Map<String, Object> body = member(change, true);
        body.put("status_if_new", "subscribed");
        return new EgressRequest(MailchimpDestination.NAME, "member-upsert", "PUT", memberPath(change.email()),
                Map.of(), body, IDENTIFIERS, Set.of());
    }

    /**
     * A grant renewed after a withdrawal: set the status explicitly, as {@code pending} under double opt-in (Mailchimp
     * asks the person to confirm) or {@code subscribed}.
     */
    public EgressRequest resubscribe(ConsentChange change) {
        String status = properties.doubleOptIn() ? "pending" : "subscribed";
        Map<String, Object> body = member(change, true);
        body.put("status", status);
        body.put("status_if_new", status);
        return new EgressRequest(MailchimpDestination.NAME, "member-resubscribe", "PUT", memberPath(change.email()),
                Map.of(), body, IDENTIFIERS, Set.of());
    }

    /** A withdrawal: unsubscribe the member; an address Mailchimp does not know needs nothing (404). */
    public EgressRequest unsubscribe(ConsentChange change) {
        Map<String, Object> body = member(change, false);
        body.remove("merge_fields");
        body.put("status", "unsubscribed");
        return new EgressRequest(MailchimpDestination.NAME, "member-unsubscribe", "PATCH", memberPath(change.email()),
                Map.of(), body, IDENTIFIERS, Set.of(404));
    }

    /**
     * A read of the member ({@code resource} empty) or of one of its lists ({@code /activity-feed}, {@code /tags}),
     * for a person's access report. An address Mailchimp does not hold answers 404, which is a result, not a failure.
     */
    public EgressRequest read(String email, String resource, Map<String, String> query) {
        return new EgressRequest(MailchimpDestination.NAME, "member-read" + resource.replace('/', '-'), "GET",
                memberPath(email) + resource, query, null, Set.of(), Set.of(404));
    }

    /** The single-member request for one collected write, as the consent-sync flow would send it. */
    public EgressRequest forWrite(NewsletterWrite write) {
        return switch (write.action()) {
            case NewsletterDecision.SUBSCRIBE -> upsert(write.change());
            case NewsletterDecision.RESUBSCRIBE -> resubscribe(write.change());
            case NewsletterDecision.UNSUBSCRIBE -> unsubscribe(write.change());
            default -> throw new IllegalArgumentException("unknown newsletter action " + write.action());
        };
    }

    /**
     * Batch subscribe/unsubscribe ({@code POST /lists/{id}}, at most 500 members): each member carries exactly the
     * body its single-member request would, and {@code update_existing} lets the batch change existing members.
     */
    public EgressRequest batch(List<EgressRequest> memberRequests) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("members", memberRequests.stream().map(EgressRequest::body).toList());
        body.put("update_existing", true);
        return new EgressRequest(MailchimpDestination.NAME, "members-batch", "POST", "/lists/" + properties.listId(),
                Map.of(), body, BATCH_IDENTIFIERS, Set.of());
    }

    private Map<String, Object> member(ConsentChange change, boolean granted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email_address", change.email().trim());
        if (change.firstName() != null) {
            body.put("merge_fields", Map.of("FNAME", change.firstName()));
        }
        if (!properties.marketingPermissionIds().isEmpty()) {
            body.put("marketing_permissions", properties.marketingPermissionIds().stream()
                    .map(id -> Map.of("marketing_permission_id", id, "enabled", granted)).toList());
        }
        return body;
    }

    String memberPath(String email) {
        return "/lists/" + properties.listId() + "/members/" + subscriberHash(email);
    }

    /** Mailchimp's member id: MD5 of the trimmed, lower-cased address. */
    public static String subscriberHash(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
