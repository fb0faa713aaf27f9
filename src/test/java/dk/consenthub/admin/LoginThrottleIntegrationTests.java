package dk.consenthub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Password logins are throttled per user name (5 failures) and per client address (here 8): a locked-out name or
 * address is refused with 429 whatever the password, for a lockout that doubles. Each test has its own user and its
 * own client address (sent as X-Forwarded-For, which the hub takes from a proxy on this machine).
 */
@LockableHubIntegrationTest
class LoginThrottleIntegrationTests {

    static final String PASSWORD = LockableHubIntegrationTest.PASSWORD;

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    HttpResponse<String> basicLogin(String user, String password, String address) {
        return hub.get("/admin/audit?size=1", "Authorization", HubClient.basic(user, password),
                "X-Forwarded-For", address);
    }

    void failFiveTimes(String user, String address) {
        for (int i = 1; i <= 5; i++) {
            assertThat(basicLogin(user, "guess-" + i, address).statusCode()).as("wrong password %d", i).isEqualTo(401);
        }
    }

    static long retryAfter(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    JsonNode newestAudit(String actor, String action) throws Exception {
        HttpResponse<String> page = hub.get("/admin/audit?size=1&actor=" + actor + "&action="
                        + URLEncoder.encode(action, StandardCharsets.UTF_8), "Authorization", Hub.ADMIN);
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode items = json.readTree(page.body()).path("items");
        assertThat(items).as("audit rows of %s %s", actor, action).hasSize(1);
        return items.get(0);
    }

    @Nested
    class PerUser {

        @Test
        void fiveWrongPasswordsLockTheUserOutEvenWithTheRightPassword() throws Exception {
            failFiveTimes("locked-a", "203.0.113.11");

            HttpResponse<String> refused = basicLogin("locked-a", PASSWORD, "203.0.113.11");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(retryAfter(refused)).isBetween(1L, 60L);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json.readTree(refused.body()).path("status").asInt()).isEqualTo(429);
            assertThat(refused.body() + refused.headers().map()).doesNotContain("locked-a").doesNotContain(PASSWORD);
            // the name is locked out wherever the attempt comes from
            assertThat(basicLogin("locked-a", PASSWORD, "203.0.113.12").statusCode()).isEqualTo(429);
        }

        @Test
        void afterTheLockoutTheRightPasswordWorks() {
            failFiveTimes("locked-b", "203.0.113.21");
            assertThat(basicLogin("locked-b", PASSWORD, "203.0.113.21").statusCode()).isEqualTo(429);

            hub.clock().advance(Duration.ofSeconds(61));

            assertThat(basicLogin("locked-b", PASSWORD, "203.0.113.21").statusCode()).isEqualTo(200);
        }

        @Test
        void aSuccessClearsTheUsersFailures() {
            for (int i = 0; i < 4; i++) {
                assertThat(basicLogin("locked-c", "guess-" + i, "203.0.113.31").statusCode()).isEqualTo(401);
            }
            assertThat(basicLogin("locked-c", PASSWORD, "203.0.113.31").statusCode()).isEqualTo(200);

            // four more failures are not five: the success cleared the first four
            for (int i = 0; i < 4; i++) {
                assertThat(basicLogin("locked-c", "guess-" + i, "203.0.113.32").statusCode()).isEqualTo(401);
            }
            assertThat(basicLogin("locked-c", PASSWORD, "203.0.113.32").statusCode()).isEqualTo(200);
        }

        @Test
        void eachFurtherLockoutLastsTwiceAsLong() {
            failFiveTimes("locked-d", "203.0.113.41");
            assertThat(retryAfter(basicLogin("locked-d", PASSWORD, "203.0.113.41"))).isBetween(55L, 60L);

            hub.clock().advance(Duration.ofSeconds(61));
            failFiveTimes("locked-d", "203.0.113.42");

            assertThat(retryAfter(basicLogin("locked-d", PASSWORD, "203.0.113.42"))).isBetween(115L, 120L);
        }

        @Test
        void theSignInFormIsThrottledToo() {
            for (int i = 1; i <= 5; i++) {
                HttpResponse<String> failed = FormLogin.signIn(hub, "locked-e", "guess-" + i,
                        "X-Forwarded-For", "203.0.113.51");
                assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(
                        location -> assertThat(location).endsWith("/admin/login?error"));
            }

            HttpResponse<String> refused = FormLogin.signIn(hub, "locked-e", PASSWORD, "X-Forwarded-For", "203.0.113.51");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).doesNotContain("locked-e");
        }

        @Test
        void theLockoutIsAuditedWithTheUserAndTheClientAddress() throws Exception {
            failFiveTimes("locked-f", "203.0.113.61");

            JsonNode row = newestAudit("locked-f", "LOGIN_LOCKED");
            assertThat(row.path("outcome").asInt()).isEqualTo(429);
            assertThat(row.path("clientAddress").asText()).isEqualTo("203.0.113.61");
            assertThat(row.path("ids").path("scope").asText()).isEqualTo("user");
            assertThat(row.path("ids").path("seconds").asText()).isEqualTo("60");
            assertThat(row.path("ids").path("via").asText()).isEqualTo("basic");
            assertThat(row.toString()).doesNotContain("guess-");
            // each failure is audited as well
            assertThat(newestAudit("locked-f", "LOGIN_FAILED").path("clientAddress").asText()).isEqualTo("203.0.113.61");
        }
    }

    @Nested
    class PerAddress {

        @Test
        void failuresWithAnyNamesLockTheAddressOutButNoOtherAddress() throws Exception {
            String address = "198.51.100.71";
            for (int i = 0; i < LockableHubIntegrationTest.ADDRESS_LIMIT; i++) {
                assertThat(basicLogin("nobody" + i + "@example.dk", "guess", address).statusCode()).isEqualTo(401);
            }

            HttpResponse<String> refused = basicLogin(HubIntegrationTest.VIEWER, PASSWORD, address);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).doesNotContain("nobody").doesNotContain(HubIntegrationTest.VIEWER);
            assertThat(basicLogin(HubIntegrationTest.VIEWER, PASSWORD, "198.51.100.72").statusCode()).isEqualTo(200);
            JsonNode row = newestAudit("unknown", "LOGIN_LOCKED");
            assertThat(row.path("ids").path("scope").asText()).isEqualTo("address");
            assertThat(row.path("clientAddress").asText()).isEqualTo(address);
            assertThat(row.toString()).doesNotContain("nobody");
        }

        @Test
        void successesDoNotCount() {
            String address = "198.51.100.81";
            for (int i = 0; i < LockableHubIntegrationTest.ADDRESS_LIMIT * 2; i++) {
                assertThat(basicLogin(HubIntegrationTest.VIEWER, PASSWORD, address).statusCode()).isEqualTo(200);
            }
        }
    }
}
