package dk.consenthub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@HubIntegrationTest
class ActuatorAccessIntegrationTests {

    static final String OPERATOR = Hub.ADMIN;
    static final String VIEWER = HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Nested
    class Prometheus {

        @Test
        void isRefusedWithoutCredentialsAsAProblem() throws Exception {
            HttpResponse<String> response = hub.get("/actuator/prometheus");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json.readTree(response.body()).path("status").asInt()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).contains("Basic realm=\"consent-hub\"");
            assertThat(response.body()).doesNotContain("hub_");
        }

        @Test
        void isReadByAViewerAndAnOperator() {
            HttpResponse<String> viewer = hub.get("/actuator/prometheus", "Authorization", VIEWER);
            assertThat(viewer.statusCode()).isEqualTo(200);
            assertThat(viewer.body()).contains("hub_inbox_depth");
            assertThat(hub.get("/actuator/prometheus", "Authorization", OPERATOR).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Health {

        @Test
        void tellsAnyoneOnlyWhetherTheHubIsUp() throws Exception {
            HttpResponse<String> response = hub.get("/actuator/health");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode health = json.readTree(response.body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.has("components")).isFalse();
            assertThat(health.has("details")).isFalse();
            assertThat(response.body()).doesNotContain("db", "camel", "H2", "diskSpace");
        }

        @Test
        void showsItsComponentsToAViewer() throws Exception {
            JsonNode health = json.readTree(hub.get("/actuator/health", "Authorization", VIEWER).body());

            assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        }

        @Test
        void showsNoComponentOnItsOwnWithoutCredentials() {
            assertThat(hub.get("/actuator/health/db").statusCode()).isEqualTo(404);
            assertThat(hub.get("/actuator/health/db", "Authorization", VIEWER).statusCode()).isEqualTo(200);
        }

        @Test
        void answersTheProbesWithTheirStatus() throws Exception {
            HttpResponse<String> readiness = hub.get("/actuator/health/readiness");

            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(json.readTree(readiness.body()).path("status").asText()).isEqualTo("UP");
        }
    }

    @Nested
    class Info {

        @Test
        void saysNothingInternal() throws Exception {
            HttpResponse<String> response = hub.get("/actuator/info");

            assertThat(response.statusCode()).isEqualTo(200);
            // no build, git, env, java, os, process or ssl details: nothing at all
            assertThat(json.readTree(response.body()).size()).as(response.body()).isZero();
        }
    }

    @Nested
    class OtherEndpoints {

        @Test
        void theIndexNeedsAnAdmin() {
            assertThat(hub.get("/actuator").statusCode()).isEqualTo(401);
            assertThat(hub.get("/actuator", "Authorization", VIEWER).statusCode()).isEqualTo(200);
        }

        @Test
        void unexposedEndpointsAreNotServed() {
            assertThat(hub.get("/actuator/env", "Authorization", OPERATOR).statusCode()).isIn(403, 404);
            assertThat(hub.get("/actuator/env").statusCode()).isEqualTo(401);
        }
    }
}
