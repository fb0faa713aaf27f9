package dk.consenthub.erasure;

import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.Suppressions;
import dk.consenthub.support.EmbeddedPostgresDatabase;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The erasure flow on PostgreSQL, as cluster mode runs it: a case from request to completed receipt. */
@HubIntegrationTest
// its database lives until the JVM exits (a shutdown hook stops it): this hub must close first, or its schedules
// keep polling a dead database for the rest of the suite
@DirtiesContext
class PostgresErasureIntegrationTests {

    static final EmbeddedPostgres POSTGRES = EmbeddedPostgresDatabase.start();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, POSTGRES);
    }

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    Suppressions suppressions;

    @Test
    void erasureCompletesOnPostgres() throws Exception {
        String customerId = TestIds.customerId();
        String email = "pg.slet@example.dk";
        hub.webhooks().gecko(GeckoPayloads.customer(customerId, email, "ja"));

        HttpResponse<String> requested = hub.postJson("/admin/erasures",
                "{\"geckoCustomerId\":\"" + customerId + "\",\"reason\":\"consent-withdrawn\"}", "Authorization", ADMIN);
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
