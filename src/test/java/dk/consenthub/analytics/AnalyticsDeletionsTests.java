package dk.consenthub.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.erasure.ErasureSubject;
import dk.consenthub.erasure.ErasureWork;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which GA deletions an erasure makes, one per property and identifier, and what each request carries. */
class AnalyticsDeletionsTests {

    static final ErasureSubject SUBJECT = new ErasureSubject("s-1", "41292", "Lene.Moeller@GMail.com");

    static AnalyticsDeletions deletions(String userId, boolean legacy, String... properties) {
        return new AnalyticsDeletions(new AnalyticsProperties("https://analyticsadmin.googleapis.com",
                "https://www.googleapis.com", List.of(properties), (Path) null, "https://oauth2.googleapis.com/token",
                userId, legacy, 500, 1.5, ZoneId.of("America/Los_Angeles")), new ObjectMapper());
    }

    @Test
    void byEmailOnlyUnlessTheSiteSendsTheGeckoIdAsUserId() {
        assertThat(deletions("none", true, "111", "222").scopes(SUBJECT))
                .containsExactly("properties/111 userProvidedData", "properties/222 userProvidedData");
        assertThat(deletions("gecko-customer-id", true, "111").scopes(SUBJECT)).containsExactly(
                "properties/111 userProvidedData", "properties/111 userId", "legacy properties/111 userId");
        assertThat(deletions("none", false).scopes(SUBJECT)).isEmpty();
        assertThat(deletions("none", false).notApplicable()).contains("no GA4 property");
    }

    @Test
    void eachScopeIsOneRequestWithExactlyOneIdentifier() {
        AnalyticsDeletions deletions = deletions("gecko-customer-id", true, "111");
        EgressRequest byEmail = deletions.request(work("properties/111 userProvidedData"));
        assertThat(byEmail.path()).isEqualTo("/v1alpha/properties/111:submitUserDeletion");
        assertThat(byEmail.body()).as("normalized as Google requires").isEqualTo(Map.of("userProvidedData", "lenemoeller@gmail.com"));
        assertThat(deletions.request(work("properties/111 userId")).body()).isEqualTo(Map.of("userId", "41292"));
        EgressRequest legacy = deletions.request(work("legacy properties/111 userId"));
        assertThat(legacy.operation()).isEqualTo(GoogleDestination.LEGACY_OPERATION);
        assertThat(legacy.path()).isEqualTo("/analytics/v3/userDeletion/userDeletionRequests:upsert");
        assertThat(legacy.body()).isEqualTo(Map.of("kind", "analytics#userDeletionRequest",
                "id", Map.of("type", "USER_ID", "userId", "41292"), "propertyId", "111"));
        assertThat(AnalyticsDeletions.quotaKey("legacy properties/111 userId")).isEqualTo("legacy properties/111");
    }

    static ErasureWork work(String scope) {
        return new ErasureWork("t", "c", GoogleDestination.NAME, scope, 0, SUBJECT);
    }
}
