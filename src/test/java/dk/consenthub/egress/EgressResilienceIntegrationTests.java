package dk.consenthub.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.reconcile.ReconcileRuns;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.ReconcileClient;
import dk.consenthub.support.TestIds;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the egress routes do when a system struggles: honour its Retry-After, and stop calling it while it is down. */
@HubIntegrationTest
class EgressResilienceIntegrationTests {

    static final String CUSTOMERS = "/api/v1/customer";

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    ReconcileRuns runs;

    @Autowired
    EgressResilience.EgressCircuits circuits;

    @Autowired
    CamelContext camel;

    @Nested
    class RetryAfter {

        @Test
        void aTooManyRequestsAnswerIsRetriedWhenMailchimpSaid() throws Exception {
            WireMockServer mailchimp = hub.mailchimp();
            String email = TestIds.email("busy");
            String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
            String scenario = "retry-after-" + email;
            mailchimp.stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(STARTED).willSetStateTo("told")
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                            .withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Too Many Requests\",\"status\":429}")));

            hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token", json.writeValueAsString(
                    GeckoPayloads.customer(TestIds.customerId(), email, "ja")));

            await().atMost(Duration.ofSeconds(15)).until(() -> Journal.requests(mailchimp,
                    r -> r.getUrl().equals(path)).size() >= 2);
            var requests = Journal.requests(mailchimp, r -> r.getUrl().equals(path));
            long waited = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
            // the backoff alone would have retried after 20-40 ms
            assertThat(waited).isBetween(1_900L, 4_000L);
            assertThat(requests).hasSize(2);
        }
    }

    @Nested
    class CircuitBreaker {

        /** Oldest first (WireMock lists the newest first). */
        List<ServeEvent> customerListRequests() {
            List<ServeEvent> requests = new ArrayList<>(hub.gecko().getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().startsWith(CUSTOMERS)).toList());
            java.util.Collections.reverse(requests);
            return requests;
        }

        JsonNode reconcileRun(ReconcileClient reconcile) {
            return reconcile.awaitEnd(reconcile.start("incremental"), Duration.ofSeconds(60));
        }

        @Test
        void geckoFailingOpensTheCircuitWhichFailsFastThenLetsOneTrialThroughThatClosesIt() {
            ReconcileClient reconcile = new ReconcileClient(hub, runs);
            io.github.resilience4j.circuitbreaker.CircuitBreaker gecko = circuits.byDestination().get("gecko");
            gecko.reset();
            hub.gecko().stubFor(get(urlPathEqualTo(CUSTOMERS)).atPriority(1)
                    .willReturn(aResponse().withStatus(503)));

            // five failed requests (one and four in-flight retries): not yet six in a row
            int before = customerListRequests().size();
            JsonNode first = reconcileRun(reconcile);
            assertThat(first.path("error").asText()).contains("HTTP_503");
            assertThat(customerListRequests().size() - before).isEqualTo(5);
            assertThat(gecko.getState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);

            // the sixth opens it: the retries of that attempt are not sent
            before = customerListRequests().size();
            JsonNode second = reconcileRun(reconcile);
            assertThat(second.path("error").asText()).contains("CIRCUIT_OPEN");
            assertThat(customerListRequests().size() - before).isEqualTo(1);
            assertThat(gecko.getState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);

            // while open (3 s in tests), nothing is sent at all
            before = customerListRequests().size();
            JsonNode third = reconcileRun(reconcile);
            assertThat(third.path("error").asText()).contains("CIRCUIT_OPEN");
            assertThat(customerListRequests().size()).isEqualTo(before);

            // Gecko recovers; after the wait one trial goes through and its success closes the circuit
            hub.removeAddedStubs();
            await().pollDelay(Duration.ofMillis(3_100)).atMost(Duration.ofSeconds(5)).until(() -> true);
            before = customerListRequests().size();
            JsonNode recovered = reconcile.run("incremental", Duration.ofSeconds(60));
            assertThat(recovered.path("status").asText()).isEqualTo("SUCCEEDED");
            List<ServeEvent> after = customerListRequests();
            assertThat(after.size()).isGreaterThan(before);
            assertThat(gecko.getState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
            assertThat(after.stream().skip(before).map(e -> e.getResponse().getStatus())).containsOnly(200);
        }
    }

    @Nested
    class ConcurrencyCap {

        @Test
        void eachEgressRouteCapsItsConcurrentCalls() {
            ResilienceProcessor mailchimp = camel.getProcessor("egress-mailchimp-circuit-breaker", ResilienceProcessor.class);
            ResilienceProcessor gecko = camel.getProcessor("egress-gecko-circuit-breaker", ResilienceProcessor.class);

            assertThat(mailchimp.isBulkheadEnabled()).isTrue();
            assertThat(mailchimp.getBulkheadMaxConcurrentCalls()).isEqualTo(10);
            assertThat(gecko.getBulkheadMaxConcurrentCalls()).isEqualTo(10);
            assertThat(mailchimp.getCircuitBreakerState()).isNotNull();
        }
    }
}
