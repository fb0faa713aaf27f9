package dk.consenthub.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.Suppressions;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.support.EmbeddedPostgresDatabase;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestWebhooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The erasure flow on PostgreSQL, as cluster mode runs it: a case from request to completed receipt. */
@HubIntegrationTest
class PostgresErasureIntegrationTests {

    static final EmbeddedPostgres POSTGRES = EmbeddedPostgresDatabase.start();
    static final String ADMIN = HubClient.basic("admin", "sandbox-admin");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, POSTGRES);
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    InboxStore inbox;

    @Autowired
    Suppressions suppressions;

    @Test
    void erasureCompletesOnPostgres() throws Exception {
        HubClient hub = new HubClient(port);
        String email = "pg.slet@example.dk";
        new TestWebhooks(hub, json, inbox).gecko(GeckoPayloads.customer("8200001", email, "ja"));

        HttpResponse<String> requested = hub.postJson("/admin/erasures",
                "{\"geckoCustomerId\":\"8200001\",\"reason\":\"consent-withdrawn\"}", "Authorization", ADMIN);
        assertThat(requested.statusCode()).isEqualTo(202);
        String caseId = json.readTree(requested.body()).path("caseId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(
                hub.get("/admin/erasures/" + caseId, "Authorization", ADMIN).body()).path("status").asText().equals("COMPLETED"));
        JsonNode completed = json.readTree(hub.get("/admin/erasures?status=completed", "Authorization", ADMIN).body());
        assertThat(completed.findValuesAsText("id")).contains(caseId);
        assertThat(completed.toString()).doesNotContain(email);
        assertThat(suppressions.contains(email)).isTrue();
        assertThat(hub.post("/admin/retention/dry-run", "application/json", new byte[0], "Authorization", ADMIN)
                .statusCode()).isEqualTo(200);
    }
}
