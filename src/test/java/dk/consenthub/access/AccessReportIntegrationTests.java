package dk.consenthub.access;

import static dk.consenthub.access.AccessSandbox.PLANTED_CPR;
import static dk.consenthub.access.AccessSandbox.PLANTED_HEALTH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.egress.CprDetector;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.Hub;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import dk.consenthub.support.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An access request in the sandbox, from request to report: what left for each system (WireMock's journal: GETs
 * only, nothing to Google), every system's section, and no CPR number or health text in the JSON, HTML or PDF.
 */
@HubIntegrationTest
class AccessReportIntegrationTests {

    private static final CprDetector CPR = new CprDetector();

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    AccessSandbox access;

    @BeforeEach
    void setUp() {
        access = new AccessSandbox(hub, json);
    }

    @Test
    void aReportCoversEverySystemFromTheRequestsThatReallyLeft() throws Exception {
        String customerId = TestIds.customerId();
        String email = "indsigt." + customerId + "@example.dk";
        access.geckoCustomer(customerId, email);
        int googleBefore = Journal.requests(hub.google()).size();

        String caseId = access.request("{\"geckoCustomerId\":\"" + customerId + "\",\"email\":\"" + email + "\"}");
        JsonNode finished = access.finished(caseId);

        assertThat(finished.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(finished.path("tasks").findValuesAsText("target")).containsExactly("gecko", "mailchimp", "google", "hub");
        assertThat(finished.path("tasks").findValuesAsText("status")).containsOnly("DONE");
        assertThat(finished.path("deadline").asText()).isNotBlank();
        assertThat(finished.toString()).as("the case itself names nobody").doesNotContain(email);

        List<LoggedRequest> gecko = Journal.requests(hub.gecko(), r -> r.getUrl().contains("/customer/" + customerId));
        assertThat(gecko).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("GET");
            assertThat(r.getUrl()).isEqualTo("/api/v1/customer/" + customerId);
        });
        String member = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        List<LoggedRequest> mailchimp = Journal.requests(hub.mailchimp(), r -> r.getUrl().startsWith(member));
        assertThat(mailchimp).extracting(r -> r.getMethod().getName() + " " + r.getUrl().replace(member, "{member}"))
                .containsExactly("GET {member}", "GET {member}/activity-feed?count=50", "GET {member}/tags?count=1000");
        assertThat(mailchimp).allSatisfy(r -> assertThat(Journal.everything(r)).doesNotContain(email));
        assertThat(Journal.requests(hub.google())).as("Google is never asked").hasSize(googleBefore);

        JsonNode report = access.reportJson(caseId);
        JsonNode systems = report.path("systems");
        assertThat(report.path("subject").path("email").asText()).isEqualTo(email);
        assertThat(systems.path("gecko").path("contact").path("customerEmail").asText()).isEqualTo(email);
        assertThat(systems.path("gecko").path("contact").path("customerFirstName").asText()).isEqualTo("Signe [CPR]");
        assertThat(systems.path("gecko").path("consents").path("customerAcceptsMarketingEmail").asBoolean()).isTrue();
        assertThat(systems.path("gecko").path("tags").findValuesAsText("customerTagName")).containsExactly("Nyhedsbrev");
        assertThat(systems.path("gecko").has("customerImportantNote")).isFalse();
        assertThat(systems.path("mailchimp").path("member").path("status").asText()).isEqualTo("subscribed");
        assertThat(systems.path("mailchimp").path("member").path("marketing_permissions").findValuesAsText("text"))
                .containsExactly("Email");
        assertThat(systems.path("mailchimp").path("activity").findValuesAsText("activity_type"))
                .containsExactly("open", "sent", "signup");
        assertThat(systems.path("mailchimp").path("tags").findValuesAsText("name")).containsExactly("Nyhedsbrev");
        assertThat(systems.path("google").path("lookup").asText()).contains("pseudonymous");
        assertThat(systems.path("hub").path("consents").has("newsletter")).isTrue();
        assertNothingSensitive(report.toString());
    }

    @Test
    void theReadableReportIsInDanishAndEnglishAsHtmlAndPdf() throws Exception {
        String customerId = TestIds.customerId();
        String email = "rapport." + customerId + "@example.dk";
        access.geckoCustomer(customerId, email);
        String caseId = access.request("{\"geckoCustomerId\":\"" + customerId + "\",\"email\":\"" + email + "\"}");
        access.finished(caseId);

        HttpResponse<byte[]> html = access.download("/admin/access-requests/" + caseId + "/report.html?lang=en", Hub.ADMIN);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .startsWith("attachment").contains("access-report-" + caseId + "-en.html"));
        assertThat(html.headers().allValues("Content-Security-Policy")).as("no script, nothing loaded")
                .containsExactly("default-src 'none'; style-src 'unsafe-inline'");
        String english = new String(html.body(), StandardCharsets.UTF_8);
        assertThat(english).contains("Access to your personal data", "Gecko Booking (customer register)",
                "Mailchimp (newsletter)", "Google Analytics", "patient journal", email);
        assertNothingSensitive(english);
        String danish = new String(access.download("/admin/access-requests/" + caseId + "/report.html?lang=da",
                Hub.ADMIN).body(), StandardCharsets.UTF_8);
        assertThat(danish).contains("Indsigt i dine personoplysninger", "Gecko Booking (kundekartotek)", "patientjournal");
        assertNothingSensitive(danish);

        String pdfDanish = access.pdfText(caseId, "da");
        assertThat(pdfDanish).contains("Indsigt i dine personoplysninger", "Gecko Booking (kundekartotek)",
                "Mailchimp (nyhedsbrev)", "Nyhedsbrev på e-mail", email);
        assertNothingSensitive(pdfDanish);
        String pdfEnglish = access.pdfText(caseId, "en");
        assertThat(pdfEnglish).contains("Access to your personal data", "Google Analytics (website statistics)",
                "Your consent decisions", email);
        assertNothingSensitive(pdfEnglish);
    }

    private static void assertNothingSensitive(String text) {
        assertThat(text).doesNotContain(PLANTED_CPR).doesNotContain(PLANTED_CPR.replace("-", ""))
                .doesNotContain(PLANTED_HEALTH).doesNotContain("lidokain");
        assertThat(CPR.containsCpr(text)).as("a CPR number anywhere in the report").isFalse();
    }
}
