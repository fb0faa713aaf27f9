package dk.consenthub.booking;

import dk.consenthub.consent.ConsentChange;
import dk.consenthub.egress.EgressRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Builds the requests the hub writes to Gecko. Gecko's REST reference is not public: the paths follow the
 * assumed contract in the reference notes (section 3.2) and stay in one place for that reason.
 */
@Component("geckoWrites")
public class GeckoWrites {

    /** Writes the newsletter consent back onto the Gecko customer. */
    public EgressRequest newsletterConsent(String customerId, boolean granted) {
        return flag(customerId, "customerAcceptsMarketingEmail", granted);
    }

    /** Writes a consent decision made outside Gecko back onto its flag: the newsletter's or the SMS one. */
    public EgressRequest consent(ConsentChange change) {
        return switch (change.purpose()) {
            case NEWSLETTER -> newsletterConsent(change.subjectId(), change.granted());
            case SMS -> flag(change.subjectId(), "customerAcceptsMarketingSms", change.granted());
            default -> throw new IllegalArgumentException("Gecko keeps no flag for " + change.purpose());
        };
    }

    private static EgressRequest flag(String customerId, String field, boolean granted) {
        return new EgressRequest(GeckoDestination.NAME, "customer-consent", "PATCH",
                "/customer/" + URLEncoder.encode(customerId, StandardCharsets.UTF_8), Map.of(),
                Map.of(field, granted), Set.of(), Set.of());
    }
}
