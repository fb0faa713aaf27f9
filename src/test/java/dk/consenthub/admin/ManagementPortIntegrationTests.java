package dk.consenthub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** With {@code management.server.port} and {@code management.server.address=127.0.0.1}: a scraper on this machine. */
@LockableHubIntegrationTest
class ManagementPortIntegrationTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Value("${local.management.port}")
    int managementPort;

    HttpResponse<String> management(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScraperOnThisMachineReadsPrometheusWithoutCredentials() throws Exception {
        HttpResponse<String> scrape = management("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("hub_inbox_depth");
    }

    @Test
    void healthThereIsUp() throws Exception {
        HttpResponse<String> health = management("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theHubsOwnPortServesNoMetrics() {
        String viewer = HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
        HttpResponse<String> scrape = hub.get("/actuator/prometheus", "Authorization", viewer);

        assertThat(scrape.statusCode()).isIn(403, 404);
        assertThat(scrape.body()).doesNotContain("hub_inbox_depth");
    }
}
