package dk.consenthub.newsletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.ConsentChange;
import dk.consenthub.consent.Purpose;
import dk.consenthub.egress.EgressDestination;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.egress.PreviewCustomer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Mailchimp as the egress guard sees it: where, which fields may go, how to authenticate, how it fails. */
@Component
class MailchimpDestination implements EgressDestination {

    static final String NAME = "mailchimp";

    private static final Set<String> MEMBER_FIELDS = Set.of("email_address", "status", "status_if_new",
            "marketing_permissions[].marketing_permission_id", "marketing_permissions[].enabled");

    private final MailchimpProperties properties;
    private final URI baseUrl;
    private final ObjectMapper json;
    private final MailchimpMembers members;
    private final Clock clock;
    private final Set<String> allowed;

    MailchimpDestination(MailchimpProperties properties, ObjectMapper json, MailchimpMembers members, Clock clock) {
        this.properties = properties;
        this.baseUrl = URI.create(properties.baseUrl());
        this.json = json;
        this.members = members;
        this.clock = clock;
        Set<String> fields = new HashSet<>(MEMBER_FIELDS);
        if (properties.sendFirstName()) {
            fields.add("merge_fields.FNAME");
        }
        Set<String> all = new HashSet<>(fields);
        fields.forEach(f -> all.add("members[]." + f));
        all.add("update_existing");
        this.allowed = Set.copyOf(all);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public Set<String> allowedFields() {
        return allowed;
    }

    @Override
    public Map<String, String> credentials() {
        String basic = Base64.getEncoder().encodeToString(("consent-hub:" + properties.apiKey()).getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + basic);
    }

    /** What consent-sync sends for the customer's newsletter flag: an upsert, or an unsubscribe when it says no. */
    @Override
    public EgressRequest preview(PreviewCustomer customer) {
        boolean granted = !Boolean.FALSE.equals(customer.acceptsMarketingEmail());
        ConsentChange change = new ConsentChange("gecko", customer.customerId(), customer.requiredEmail(),
                customer.firstName(), Purpose.NEWSLETTER, granted, clock.instant());
        return granted ? members.upsert(change) : members.unsubscribe(change);
    }

    /** Mailchimp answers problem documents; the title names the case (the detail quotes the address: unused). */
    @Override
    public String errorType(int status, String body) {
        String title = "";
        try {
            JsonNode problem = json.readTree(body);
            title = problem == null ? "" : problem.path("title").asText("");
        } catch (Exception unreadable) {
            // not a problem document: classify by status alone
        }
        return switch (title) {
            case "Member In Compliance State" -> "COMPLIANCE_STATE";
            case "Forgotten Email Not Subscribed" -> "FORGOTTEN_EMAIL";
            case "Resource Not Found" -> "NOT_FOUND";
            case "Invalid Resource" -> "INVALID_RESOURCE";
            default -> "HTTP_" + status;
        };
    }
}
