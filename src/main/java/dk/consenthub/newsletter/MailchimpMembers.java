package dk.consenthub.newsletter;

import dk.consenthub.consent.ConsentChange;
import dk.consenthub.egress.EgressRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Builds the Mailchimp member requests of the consent flows; the egress route sends them. */
@Component("mailchimpMembers")
public class MailchimpMembers {

    private static final Set<String> IDENTIFIERS = Set.of("email_address");

    private final MailchimpProperties properties;

    MailchimpMembers(MailchimpProperties properties) {
        this.properties = properties;
    }

    /** A grant: add the member as subscribed if new; an existing member keeps its status (an unsubscribe stands). */
    public EgressRequest upsert(ConsentChange change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email_address", change.email().trim());
        body.put("status_if_new", "subscribed");
        if (change.firstName() != null) {
            body.put("merge_fields", Map.of("FNAME", change.firstName()));
        }
        return new EgressRequest(MailchimpDestination.NAME, "member-upsert", "PUT", memberPath(change.email()),
                Map.of(), body, IDENTIFIERS, Set.of());
    }

    /** A withdrawal: unsubscribe the member; an address Mailchimp does not know needs nothing (404). */
    public EgressRequest unsubscribe(ConsentChange change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email_address", change.email().trim());
        body.put("status", "unsubscribed");
        return new EgressRequest(MailchimpDestination.NAME, "member-unsubscribe", "PATCH", memberPath(change.email()),
                Map.of(), body, IDENTIFIERS, Set.of(404));
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
