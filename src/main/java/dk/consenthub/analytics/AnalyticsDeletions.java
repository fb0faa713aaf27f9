package dk.consenthub.analytics;

import dk.consenthub.egress.EgressRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Builds Google Analytics user-deletion requests; the egress route sends them. */
@Component("analyticsDeletions")
public class AnalyticsDeletions {

    private final AnalyticsProperties properties;

    AnalyticsDeletions(AnalyticsProperties properties) {
        this.properties = properties;
    }

    public List<String> propertyIds() {
        return properties.propertyIds();
    }

    /** GA4 {@code submitUserDeletion} for a person known only by e-mail, normalized as Google requires. */
    public EgressRequest deleteByEmail(String propertyId, String email) {
        return new EgressRequest(GoogleDestination.NAME, "user-deletion", "POST",
                "/v1alpha/properties/" + propertyId + ":submitUserDeletion", Map.of(),
                Map.of("userProvidedData", normalizeEmail(email)), GoogleDestination.IDENTIFIERS, Set.of());
    }

    /**
     * Google's normalization for {@code userProvidedData}: lower case, no spaces, and for gmail.com and
     * googlemail.com no dots before the {@code @}.
     */
    public static String normalizeEmail(String email) {
        String normalized = email.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        int at = normalized.lastIndexOf('@');
        if (at > 0) {
            String domain = normalized.substring(at + 1);
            if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
                normalized = normalized.substring(0, at).replace(".", "") + "@" + domain;
            }
        }
        return normalized;
    }
}
