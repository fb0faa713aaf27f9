package dk.consenthub.booking;

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
        return new EgressRequest(GeckoDestination.NAME, "customer-consent", "PATCH",
                "/customer/" + URLEncoder.encode(customerId, StandardCharsets.UTF_8), Map.of(),
                Map.of("customerAcceptsMarketingEmail", granted), Set.of(), Set.of());
    }
}
