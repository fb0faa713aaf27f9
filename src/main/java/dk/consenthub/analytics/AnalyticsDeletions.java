package dk.consenthub.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.erasure.ErasureQueue;
import dk.consenthub.erasure.ErasureSubject;
import dk.consenthub.erasure.ErasureTarget;
import dk.consenthub.erasure.ErasureWork;
import dk.consenthub.erasure.TaskOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Google Analytics user deletion, one task per property and identifier (each is one request against Google's
 * quota): GA4 {@code submitUserDeletion} by the e-mail (as {@code userProvidedData}) and, when the clinic's site
 * sends the Gecko customer id as GA's {@code user_id}, by that too; optionally the legacy
 * {@code userDeletionRequests:upsert}. Google answers {@code deletionRequestTime}: the receipt.
 */
@Component("analyticsDeletions")
class AnalyticsDeletions implements ErasureTarget {

    private static final String EMAIL = "userProvidedData";
    private static final String USER_ID = "userId";
    private static final String LEGACY = "legacy ";

    private final AnalyticsProperties properties;
    private final ObjectMapper json;

    AnalyticsDeletions(AnalyticsProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** The system's one name: as the destination, so tasks, receipts and metrics all say {@code google}. */
    @Override
    public String name() {
        return GoogleDestination.NAME;
    }

    /** Scopes read {@code properties/<id> <identifier>}, or {@code legacy properties/<id> userId}. */
    @Override
    public List<String> scopes(ErasureSubject subject) {
        boolean byUserId = properties.userId().equals("gecko-customer-id") && subject.geckoCustomerId() != null;
        List<String> scopes = new ArrayList<>();
        for (String property : properties.propertyIds()) {
            if (subject.email() != null) {
                scopes.add("properties/" + property + " " + EMAIL);
            }
            if (byUserId) {
                scopes.add("properties/" + property + " " + USER_ID);
                if (properties.legacyUserDeletion()) {
                    scopes.add(LEGACY + "properties/" + property + " " + USER_ID);
                }
            }
        }
        return scopes;
    }

    @Override
    public String notApplicable() {
        return properties.propertyIds().isEmpty() ? "no GA4 property is configured"
                : "the hub knows no identifier Google Analytics could hold for this person";
    }

    /** The quota bucket of a task: its property, per API. */
    static String quotaKey(String scope) {
        return scope.substring(0, scope.lastIndexOf(' '));
    }

    public EgressRequest request(@ExchangeProperty(ErasureQueue.WORK) ErasureWork work) {
        String scope = work.scope();
        String property = scope.substring(scope.indexOf("properties/") + "properties/".length(), scope.lastIndexOf(' '));
        if (scope.startsWith(LEGACY)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", "analytics#userDeletionRequest");
            body.put("id", Map.of("type", "USER_ID", "userId", work.subject().geckoCustomerId()));
            body.put("propertyId", property);
            return new EgressRequest(GoogleDestination.NAME, GoogleDestination.LEGACY_OPERATION, "POST",
                    "/analytics/v3/userDeletion/userDeletionRequests:upsert", Map.of(), body,
                    GoogleDestination.IDENTIFIERS, Set.of());
        }
        return scope.endsWith(EMAIL) ? deleteByEmail(property, work.subject().email())
                : submitUserDeletion(property, Map.of(USER_ID, work.subject().geckoCustomerId()));
    }

    /** Google's receipt: the time it received the deletion request. */
    public TaskOutcome outcome(@Body byte[] body) throws IOException {
        String received = json.readTree(body).path("deletionRequestTime").asText(null);
        return TaskOutcome.done(received, "deletion requested; Google removes the data from reports within 72 hours "
                + "and from its servers in the next deletion run");
    }

    /** GA4 {@code submitUserDeletion} for a person known only by e-mail, normalized as Google requires. */
    EgressRequest deleteByEmail(String propertyId, String email) {
        return submitUserDeletion(propertyId, Map.of(EMAIL, normalizeEmail(email)));
    }

    private static EgressRequest submitUserDeletion(String propertyId, Map<String, Object> identifier) {
        return new EgressRequest(GoogleDestination.NAME, "user-deletion", "POST",
                "/v1alpha/properties/" + propertyId + ":submitUserDeletion", Map.of(), identifier,
                GoogleDestination.IDENTIFIERS, Set.of());
    }

    /**
     * Google's normalization for {@code userProvidedData}: lower case, no spaces, and for gmail.com and
     * googlemail.com no dots before the {@code @}.
     */
    static String normalizeEmail(String email) {
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
