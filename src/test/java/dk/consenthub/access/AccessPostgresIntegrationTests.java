package dk.consenthub.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.EmbeddedPostgresDatabase;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An access request on PostgreSQL, as cluster mode runs it: the case, its sealed report, and the report's end. */
@HubIntegrationTest
// its database lives until the JVM exits: this hub closes first, so its schedules stop polling it
@DirtiesContext
class AccessPostgresIntegrationTests {

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
    AccessReports reports;

    @Test
    void aReportIsMadeReadAndPurgedOnPostgres() throws Exception {
        String customerId = TestIds.customerId();
        String email = "pg.indsigt." + customerId + "@example.dk";
        hub.webhooks().gecko(GeckoPayloads.customer(customerId, email, "ja"));
        AccessSandbox access = new AccessSandbox(hub, json);
        access.geckoCustomer(customerId, email);

        String caseId = access.request("{\"geckoCustomerId\":\"" + customerId + "\"}");
        assertThat(access.finished(caseId).path("status").asText()).isEqualTo("COMPLETED");

        JsonNode report = access.reportJson(caseId);
        assertThat(report.path("subject").path("email").asText()).as("the address the hub knows").isEqualTo(email);
        assertThat(report.path("systems").path("hub").path("consents").path("newsletter").findValuesAsText("source"))
                .contains("gecko");
        assertThat(access.pdfText(caseId, "da")).contains("Indsigt i dine personoplysninger", email);

        hub.clock().advance(Duration.ofDays(31));
        assertThat(reports.purgeExpired()).isEqualTo(1);
        assertThat(hub.get("/admin/access-requests/" + caseId + "/report", "Authorization", Hub.ADMIN).statusCode())
                .isEqualTo(410);
    }
}
