package dk.consenthub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIdentityProvider;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@HubIntegrationTest
class AdminSecurityIntegrationTests {

    static final String OPERATOR = Hub.ADMIN;
    static final String VIEWER = HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
    static final String PREVIEW = "/admin/egress/preview?destination=mailchimp";
    static final String CUSTOMER = """
            {"CUSTOMERID":"6000101","CUSTOMEREMAIL":"sec6000101@example.dk","CUSTOMERACCEPTSMARKETINGEMAIL":"ja"}""";

    @Autowired
    Hub hub;

    static String bearer(String token) {
        return "Bearer " + token;
    }

    @Nested
    class WithoutCredentials {

        @Test
        void anApiRequestIs401WithTheChallengesAndNoRedirect() {
            HttpResponse<String> response = hub.get("/admin/audit", "Accept", "application/json");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).contains("Basic realm=\"consent-hub\"", "Bearer");
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }

        @Test
        void aPostWithoutAcceptIs401Too() {
            assertThat(hub.postJson("/admin/reconcile?mode=full", "{}").statusCode()).isEqualTo(401);
        }

        @Test
        void aBrowserIsSentToTheLoginPage() {
            HttpResponse<String> response = hub.get("/admin", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/admin/login"));
        }

        @Test
        void securityHeadersAreWrittenOnceOnPagesAndOnAnswersCamelWritesOnItsOwnThread() {
            HttpResponse<String> page = hub.get("/admin/login", "Accept", "text/html");
            assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'self'");
            HttpResponse<String> webhook = hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token", "{}");
            assertThat(webhook.statusCode()).isEqualTo(400);
            assertThat(webhook.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'self'");
            assertThat(webhook.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        }

        @Test
        void theLoginPageAndItsAssetsAreOpen() {
            assertThat(hub.get("/admin/login", "Accept", "text/html").statusCode()).isEqualTo(200);
            assertThat(hub.get("/admin/assets/admin.css").statusCode()).isEqualTo(200);
        }

        @Test
        void aWrongPasswordIs401() {
            assertThat(hub.get("/admin/audit", "Authorization", HubClient.basic("admin", "wrong")).statusCode())
                    .isEqualTo(401);
        }
    }

    @Nested
    class Roles {

        @Test
        void aViewerMayRead() {
            assertThat(hub.get("/admin/audit", "Authorization", VIEWER).statusCode()).isEqualTo(200);
            assertThat(hub.get("/admin/consent/staff-tasks", "Authorization", VIEWER).statusCode()).isEqualTo(200);
        }

        @Test
        void aViewerMayNotChangeAnything() {
            assertThat(hub.postJson("/admin/reconcile?mode=full", "{}", "Authorization", VIEWER).statusCode()).isEqualTo(403);
            assertThat(hub.postJson(PREVIEW, CUSTOMER, "Authorization", VIEWER).statusCode()).isEqualTo(403);
            // the rule is general: any other method anywhere under /admin, whether or not it exists yet
            assertThat(hub.postJson("/admin/not-yet-built", "{}", "Authorization", VIEWER).statusCode()).isEqualTo(403);
        }

        @Test
        void anOperatorPassesTheRuleEverywhere() {
            assertThat(hub.postJson(PREVIEW, CUSTOMER, "Authorization", OPERATOR).statusCode()).isEqualTo(200);
            assertThat(hub.postJson("/admin/not-yet-built", "{}", "Authorization", OPERATOR).statusCode()).isEqualTo(404);
        }

        @Test
        void theApiDocumentIsForReadersOnly() {
            assertThat(hub.get("/v3/api-docs", "Authorization", VIEWER).statusCode()).isEqualTo(200);
            assertThat(hub.get("/v3/api-docs", "Accept", "application/json").statusCode()).isEqualTo(401);
            assertThat(hub.postJson("/v3/api-docs", "{}", "Authorization", OPERATOR).statusCode()).isEqualTo(403);
        }

        @Test
        void nothingOutsideTheKnownPathsIsReachable() {
            assertThat(hub.get("/internal", "Authorization", OPERATOR).statusCode()).isEqualTo(403);
        }
    }

    @Nested
    class BearerTokens {

        @Test
        void anOperatorTokenMayChange() {
            String token = TestIdentityProvider.token("olga", List.of("consent-hub-operator"));

            assertThat(hub.postJson(PREVIEW, CUSTOMER, "Authorization", bearer(token)).statusCode()).isEqualTo(200);
        }

        @Test
        void aViewerTokenMayReadButNotChange() {
            String token = TestIdentityProvider.token("vera", List.of("consent-hub-viewer", "offline_access"));

            assertThat(hub.get("/admin/audit", "Authorization", bearer(token)).statusCode()).isEqualTo(200);
            assertThat(hub.get("/v3/api-docs", "Authorization", bearer(token)).statusCode()).isEqualTo(200);
            assertThat(hub.postJson(PREVIEW, CUSTOMER, "Authorization", bearer(token)).statusCode()).isEqualTo(403);
        }

        @Test
        void aTokenWithoutHubRolesReadsNothing() {
            String token = TestIdentityProvider.token("nina", List.of("offline_access"));

            assertThat(hub.get("/admin/audit", "Authorization", bearer(token)).statusCode()).isEqualTo(403);
        }

        @Test
        void aTokenSignedByAnotherKeyIs401() {
            String token = TestIdentityProvider.forgedToken("mallory", List.of("consent-hub-operator"));

            assertThat(hub.get("/admin/audit", "Authorization", bearer(token)).statusCode()).isEqualTo(401);
        }

        @Test
        void anExpiredTokenIs401() {
            String token = TestIdentityProvider.token("olga", List.of("consent-hub-operator"), claims -> claims
                    .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(600))));

            assertThat(hub.get("/admin/audit", "Authorization", bearer(token)).statusCode()).isEqualTo(401);
        }

        @Test
        void aTokenOfAnotherIssuerOrAudienceIs401() {
            String otherIssuer = TestIdentityProvider.token("olga", List.of("consent-hub-operator"),
                    claims -> claims.issuer("https://elsewhere.example"));
            String otherAudience = TestIdentityProvider.token("olga", List.of("consent-hub-operator"),
                    claims -> claims.audience("another-app"));

            assertThat(hub.get("/admin/audit", "Authorization", bearer(otherIssuer)).statusCode()).isEqualTo(401);
            assertThat(hub.get("/admin/audit", "Authorization", bearer(otherAudience)).statusCode()).isEqualTo(401);
        }

        @Test
        void anUnsignedTokenIs401() {
            String signed = TestIdentityProvider.token("olga", List.of("consent-hub-operator"));
            String unsigned = signed.substring(0, signed.lastIndexOf('.') + 1);

            assertThat(hub.get("/admin/audit", "Authorization", bearer(unsigned)).statusCode()).isEqualTo(401);
        }
    }

}
