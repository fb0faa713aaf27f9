package dk.consenthub.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an access request refuses, who may make and read one, the audit of every read, a system that cannot answer,
 * and the report's end after hub.access.retention.
 */
@HubIntegrationTest
class AccessRequestRulesIntegrationTests {

    static final String VIEWER = HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    AccessReports reports;

    AccessSandbox access;

    @BeforeEach
    void setUp() {
        access = new AccessSandbox(hub, json);
    }

    @Nested
    class Refused {

        @Test
        void aRequestNamingNobodyNamesTheField() throws Exception {
            JsonNode problem = refused("{}", 400);
            assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("geckoCustomerId");
        }

        @Test
        void aBadAddressOrACprAsCustomerIdIsNamedNeverEchoed() throws Exception {
            HttpResponse<String> answer = hub.postJson("/admin/access-requests",
                    "{\"email\":\"hemmelig-adresse-uden-snabel\"}", "Authorization", Hub.ADMIN);
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json.readTree(answer.body()).path("errors").findValuesAsText("field")).containsExactly("email");
            assertThat(answer.body()).doesNotContain("hemmelig");

            HttpResponse<String> cpr = hub.postJson("/admin/access-requests", "{\"geckoCustomerId\":\"010190-1234\"}",
                    "Authorization", Hub.ADMIN);
            assertThat(cpr.statusCode()).isEqualTo(400);
            assertThat(json.readTree(cpr.body()).path("errors").findValuesAsText("field")).contains("geckoCustomerId");
            assertThat(cpr.body()).doesNotContain("010190");
        }

        @Test
        void anUnknownLanguageOrCaseIsRefused() throws Exception {
            String caseId = access.request("{\"email\":\"" + TestIds.email("sprog") + "\"}");
            access.finished(caseId);
            HttpResponse<String> language = hub.get("/admin/access-requests/" + caseId + "/report.html?lang=de",
                    "Authorization", Hub.ADMIN);
            assertThat(language.statusCode()).isEqualTo(400);
            assertThat(json.readTree(language.body()).path("errors").findValuesAsText("field")).containsExactly("lang");
            assertThat(hub.get("/admin/access-requests/no-such-case/report", "Authorization", Hub.ADMIN).statusCode())
                    .isEqualTo(404);
        }

        @Test
        void aViewerMayNeitherRequestNorReadAReport() throws Exception {
            String caseId = access.request("{\"email\":\"" + TestIds.email("viewer") + "\"}");
            access.finished(caseId);

            assertThat(hub.postJson("/admin/access-requests", "{\"email\":\"" + TestIds.email("v") + "\"}",
                    "Authorization", VIEWER).statusCode()).isEqualTo(403);
            for (String path : new String[] {"", "/" + caseId, "/" + caseId + "/report",
                    "/" + caseId + "/report.html?lang=da", "/" + caseId + "/report.pdf?lang=en"}) {
                assertThat(hub.get("/admin/access-requests" + path, "Authorization", VIEWER).statusCode())
                        .as(path).isEqualTo(403);
            }
        }

        private JsonNode refused(String body, int status) throws Exception {
            HttpResponse<String> answer = hub.postJson("/admin/access-requests", body, "Authorization", Hub.ADMIN);
            assertThat(answer.statusCode()).isEqualTo(status);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            return json.readTree(answer.body());
        }
    }

    @Test
    void everyReadOfAReportIsAudited() throws Exception {
        String email = TestIds.email("revision");
        String caseId = access.request("{\"email\":\"" + email + "\"}");
        access.finished(caseId);
        JsonNode opened = newestAudit("POST /admin/access-requests");
        assertThat(opened.path("ids").path("email").asText()).isEqualTo("given");
        assertThat(opened.toString()).doesNotContain(email);

        for (String form : new String[] {"report", "report.html", "report.pdf"}) {
            long before = auditTotal("GET /admin/access-requests/{id}/" + form);
            access.download("/admin/access-requests/" + caseId + "/" + form, Hub.ADMIN);
            JsonNode read = newestAudit("GET /admin/access-requests/{id}/" + form);
            assertThat(auditTotal("GET /admin/access-requests/{id}/" + form)).isEqualTo(before + 1);
            assertThat(read.path("actor").asText()).isEqualTo("admin");
            assertThat(read.path("ids").path("id").asText()).isEqualTo(caseId);
            assertThat(read.path("outcome").asInt()).isEqualTo(200);
        }
    }

    @Test
    void mailchimpNotHoldingTheAddressIsAnAnswerAndGeckoIsNotAskedWithoutAnId() throws Exception {
        String email = TestIds.email("ukendt");
        String member = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        hub.mailchimp().stubFor(get(urlPathEqualTo(member)).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json; charset=utf-8")
                .withBody("{\"title\":\"Resource Not Found\",\"status\":404,\"detail\":\"The requested resource could not be found.\"}")));

        String caseId = access.request("{\"email\":\"" + email + "\"}");
        JsonNode finished = access.finished(caseId);

        assertThat(finished.path("status").asText()).isEqualTo("COMPLETED");
        JsonNode systems = access.reportJson(caseId).path("systems");
        assertThat(systems.path("mailchimp").path("held").asBoolean(true)).isFalse();
        assertThat(systems.path("gecko").path("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(access.pdfText(caseId, "en")).contains("Mailchimp holds no member with this e-mail address.");
    }

    @Test
    void aSystemThatCannotAnswerLeavesThePartialReasonInTheCaseAndTheReport() throws Exception {
        String email = TestIds.email("afvist");
        hub.mailchimp().stubFor(get(urlPathEqualTo("/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email)))
                .atPriority(1).willReturn(aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/problem+json; charset=utf-8")
                        .withBody("{\"title\":\"API Key Invalid\",\"status\":401,\"detail\":\"Your API key may be invalid.\"}")));

        String caseId = access.request("{\"email\":\"" + email + "\"}");
        JsonNode finished = access.finished(caseId);

        assertThat(finished.path("status").asText()).isEqualTo("PARTIAL");
        assertThat(finished.path("reason").asText()).startsWith("mailchimp: ").contains("401").doesNotContain(email);
        JsonNode report = access.reportJson(caseId);
        assertThat(report.path("systems").path("mailchimp").path("status").asText()).isEqualTo("FAILED");
        assertThat(report.path("systems").path("hub").path("status").asText()).isEqualTo("DONE");
        assertThat(access.pdfText(caseId, "da")).contains("Kunne ikke gennemføres");
    }

    @Test
    void afterItsRetentionTheReportIsGoneAndPurged() throws Exception {
        String caseId = access.request("{\"email\":\"" + TestIds.email("udloeb") + "\"}");
        JsonNode finished = access.finished(caseId);
        assertThat(finished.path("reportAvailable").asBoolean()).isTrue();
        assertThat(hub.metrics()).contains("hub_access_cases_open").contains("hub_access_cases_overdue");

        hub.clock().advance(Duration.ofDays(30).plusMinutes(1));
        for (String form : new String[] {"report", "report.html?lang=da", "report.pdf?lang=en"}) {
            HttpResponse<String> gone = hub.get("/admin/access-requests/" + caseId + "/" + form, "Authorization", Hub.ADMIN);
            assertThat(gone.statusCode()).as(form).isEqualTo(410);
            assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(reports.purgeExpired()).isGreaterThanOrEqualTo(1);
        JsonNode purged = json.readTree(hub.get("/admin/access-requests/" + caseId, "Authorization", Hub.ADMIN).body());
        assertThat(purged.path("reportAvailable").asBoolean()).isFalse();
        assertThat(purged.path("status").asText()).isEqualTo("COMPLETED");
        hub.clock().reset();
        assertThat(hub.get("/admin/access-requests/" + caseId + "/report", "Authorization", Hub.ADMIN).statusCode())
                .as("deleted, not merely hidden").isEqualTo(410);
    }

    private JsonNode newestAudit(String action) throws Exception {
        JsonNode items = json.readTree(hub.get("/admin/audit?size=1&actor=admin&action="
                + URLEncoder.encode(action, StandardCharsets.UTF_8), "Authorization", VIEWER).body()).path("items");
        assertThat(items).as("audit rows of %s", action).hasSize(1);
        return items.get(0);
    }

    private long auditTotal(String action) throws Exception {
        return json.readTree(hub.get("/admin/audit?size=1&actor=admin&action="
                + URLEncoder.encode(action, StandardCharsets.UTF_8), "Authorization", VIEWER).body()).path("total").asLong();
    }
}
