package dk.consenthub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@HubIntegrationTest
class OperationsIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    SandboxServers sandbox;

    @Nested
    class Health {

        @Test
        void reportsUpWithTheDatabaseAndTheCamelContext() throws Exception {
            // the components are for admins; anyone else is told UP or DOWN only
            HttpResponse<String> response = hub.get("/actuator/health", "Authorization",
                    HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode health = json.readTree(response.body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("camelHealth").path("status").asText()).isEqualTo("UP");
        }
    }

    @Nested
    class Metrics {

        @Test
        void countsAcceptedAndRejectedWebhooksAndShowsInboxDepth() throws Exception {
            hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token",
                    json.writeValueAsString(GeckoPayloads.customer(TestIds.customerId(), TestIds.email("metrics"), "ja")));
            hub.postJson("/webhooks/gecko/wrong-token", "{}");

            String metrics = hub.metrics();

            assertThat(metrics).containsPattern("hub_webhooks_accepted_total\\{[^}]*source=\"gecko\"[^}]*} [1-9]");
            assertThat(metrics).containsPattern("hub_webhooks_rejected_total\\{[^}]*status=\"401\"[^}]*} [1-9]");
            assertThat(metrics).contains("hub_inbox_depth");
        }
    }

    @Nested
    class Sandbox {

        @Test
        void everySystemLoadedItsStubsAndServesItsJournal() throws Exception {
            assertThat(sandbox.stubCounts()).containsOnlyKeys("gecko", "mailchimp", "google")
                    .allSatisfy((system, count) -> assertThat(count).isPositive());
            for (String system : sandbox.stubCounts().keySet()) {
                WireMockServer server = sandbox.server(system);
                HttpResponse<String> journal = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/requests")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(journal.statusCode()).isEqualTo(200);
                assertThat(json.readTree(journal.body()).has("requests")).isTrue();
            }
        }

        @Test
        void geckoServesAtLeastFiftyCustomersSomeWithCprInNotes() throws Exception {
            WireMockServer gecko = sandbox.server("gecko");
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gecko.baseUrl() + "/api/v1/customer?page=0&rowsPerPage=100"))
                            .header("Authorization", "Bearer sandbox").build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(page.body());

            assertThat(body.path("paging").path("totalRows").asInt()).isGreaterThanOrEqualTo(50);
            assertThat(body.path("list").size()).isGreaterThanOrEqualTo(50);
            dk.consenthub.egress.CprDetector detector = new dk.consenthub.egress.CprDetector();
            long withCpr = 0;
            for (JsonNode customer : body.path("list")) {
                String notes = customer.path("customerImportantNote").asText("") + " " + customer.path("customerNote").asText("");
                if (detector.containsCpr(notes)) {
                    withCpr++;
                }
            }
            assertThat(withCpr).isGreaterThanOrEqualTo(5);
        }
    }
}
