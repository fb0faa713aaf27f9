package dk.consenthub.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressDestination;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.egress.PreviewCustomer;
import dk.consenthub.egress.PreviewRefusedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Google Analytics as the egress guard sees it: an identifier per request, nothing else. */
@Component
class GoogleDestination implements EgressDestination {

    static final String NAME = "google";
    static final String LEGACY_OPERATION = "legacy-user-deletion";

    /** GA4 submitUserDeletion takes exactly one identifier; the legacy API wraps it in {@code id}. */
    static final Set<String> IDENTIFIERS = Set.of("userId", "clientId", "appInstanceId", "userProvidedData",
            "id.userId");

    private static final Set<String> ALLOWED = Set.of("userId", "clientId", "appInstanceId", "userProvidedData",
            "kind", "id.type", "id.userId", "propertyId");

    private final AnalyticsProperties properties;
    private final GoogleAccessTokens tokens;
    private final AnalyticsDeletions deletions;
    private final ObjectMapper json;

    GoogleDestination(AnalyticsProperties properties, GoogleAccessTokens tokens, AnalyticsDeletions deletions,
                      ObjectMapper json) {
        this.properties = properties;
        this.tokens = tokens;
        this.deletions = deletions;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI baseUrl() {
        return URI.create(properties.adminBaseUrl());
    }

    @Override
    public URI baseUrl(String operation) {
        return LEGACY_OPERATION.equals(operation) ? URI.create(properties.legacyBaseUrl()) : baseUrl();
    }

    @Override
    public Set<String> allowedFields() {
        return ALLOWED;
    }

    /** A service-account access token; added to the sent request only, never to a preview. */
    @Override
    public Map<String, String> credentials() {
        return Map.of("Authorization", "Bearer " + tokens.token());
    }

    /** The GA4 user deletion an erasure sends for the customer's address, against the first configured property. */
    @Override
    public EgressRequest preview(PreviewCustomer customer) {
        List<String> propertyIds = properties.propertyIds();
        if (propertyIds.isEmpty()) {
            throw new PreviewRefusedException("hub.analytics.property-ids", "is empty: no GA4 property is configured");
        }
        return deletions.deleteByEmail(propertyIds.get(0), customer.requiredEmail());
    }

    /** Codes Google's error bodies may name; anything else is reported by status, never as Google's text. */
    private static final Set<String> KNOWN_ERRORS = Set.of("rateLimitExceeded", "userRateLimitExceeded",
            "dailyLimitExceeded", "quotaExceeded", "INVALID_ARGUMENT", "UNAUTHENTICATED", "PERMISSION_DENIED",
            "NOT_FOUND", "RESOURCE_EXHAUSTED", "INTERNAL", "UNAVAILABLE", "DEADLINE_EXCEEDED", "FAILED_PRECONDITION");

    /** google.rpc.Status names the case in {@code error.status}; the legacy format in {@code error.errors[].reason}. */
    @Override
    public String errorType(int status, String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            String reason = error.path("errors").path(0).path("reason").asText("");
            if (KNOWN_ERRORS.contains(reason)) {
                return reason;
            }
            String state = error.path("status").asText("");
            return KNOWN_ERRORS.contains(state) ? state : "HTTP_" + status;
        } catch (Exception unreadable) {
            return "HTTP_" + status;
        }
    }

    /** 403 rateLimitExceeded is Google's "slow down", not a permission problem. */
    @Override
    public boolean isRetryable(int status, String errorType) {
        return isRateLimited(status, errorType) || status >= 500;
    }

    @Override
    public boolean isRateLimited(int status, String errorType) {
        return status == 429 || errorType.endsWith("RateLimitExceeded") || errorType.equals("rateLimitExceeded")
                || errorType.equals("RESOURCE_EXHAUSTED");
    }
}
