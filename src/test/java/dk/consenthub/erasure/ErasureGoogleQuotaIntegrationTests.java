package dk.consenthub.erasure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.MovableClock;
import dk.consenthub.support.TestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasure at Google's pace: a 429 answer defers the task until Retry-After, and Google's daily quota of deletions is
 * used up before the rest wait for the next quota day.
 */
@HubIntegrationTest
class ErasureGoogleQuotaIntegrationTests extends RequestedErasures {

    @Autowired
    ErasureRequests requests;

    @Autowired
    JdbcClient jdbc;

    @Test
    void googleAnswering429IsDeferredThenDone() throws Exception {
        WireMockServer google = hub.google();
        String email = TestIds.email("kvote");
        String scenario = "ga-429-" + email;
        google.stubFor(post(urlPathMatching("/v1alpha/properties/[0-9]+:submitUserDeletion")).atPriority(1)
                .withRequestBody(containing(email)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}")));
        String caseId = requestByEmail(email);
        JsonNode deferred = awaitReceipt(caseId, r -> task(r, "google").path("status").asText().equals("DEFERRED"));
        assertThat(task(deferred, "google").path("outcome").asText()).contains("RESOURCE_EXHAUSTED");
        JsonNode done = awaitReceipt(caseId, r -> task(r, "google").path("status").asText().equals("DONE"));
        assertThat(task(done, "google").path("attempts").asInt()).isEqualTo(2);
        List<LoggedRequest> sent = Journal.requests(google, r -> r.getUrl().contains(":submitUserDeletion")
                && r.getBodyAsString().contains(email));
        assertThat(sent).hasSize(2);
        assertThat(Duration.between(sent.get(0).getLoggedDate().toInstant(), sent.get(1).getLoggedDate().toInstant()))
                .as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void sixHundredErasuresInOneDayUseGooglesQuotaAndDeferTheRest() throws Exception {
        MovableClock movable = hub.clock();
        // noon UTC; Google's quota day (Pacific time) turns at 08:00 UTC the next day
        movable.moveTo(Instant.parse("2031-03-05T12:00:00Z"));
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            emails.add("quota" + run + "." + i + "@example.dk");
        }
        List<String> caseIds = new ArrayList<>();
        for (String email : emails) { // as POST /admin/erasures does, without 600 bcrypt checks
            caseIds.add(requests.request(null, email, "subject-request", "admin").caseId());
        }
        Set<String> ours = Set.copyOf(emails);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                googleDeletionsFor(ours) == 500 && deferredGoogleTasks(caseIds) == 100);
        assertThat(jdbc.sql("select distinct next_attempt_at from erasure_task "
                        + "where target = 'google' and status = 'DEFERRED' and case_id in (:ids)")
                .param("ids", caseIds).query(java.sql.Timestamp.class).list())
                .extracting(java.sql.Timestamp::toInstant).containsExactly(Instant.parse("2031-03-06T08:00:00Z"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(googleDeletionsFor(ours)).as("no more than the quota on one day").isEqualTo(500));

        movable.moveTo(Instant.parse("2031-03-06T08:00:01Z"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                googleDeletionsFor(ours) == 600 && deferredGoogleTasks(caseIds) == 0);
    }

    long googleDeletionsFor(Set<String> emails) {
        return Journal.requests(hub.google(), r -> r.getUrl().contains(":submitUserDeletion")).stream()
                .filter(r -> {
                    try {
                        return emails.contains(json.readTree(r.getBodyAsString()).path("userProvidedData").asText());
                    } catch (Exception e) {
                        return false;
                    }
                }).count();
    }

    int deferredGoogleTasks(List<String> caseIds) {
        return jdbc.sql("""
                select count(*) from erasure_task
                where target = 'google' and status = 'DEFERRED' and case_id in (:ids)
                """).param("ids", caseIds).query(Integer.class).single();
    }
}
