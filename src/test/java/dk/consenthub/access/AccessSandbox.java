package dk.consenthub.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Hub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Access requests against the sandbox hub, as an operator makes and reads them. */
final class AccessSandbox {

    /** Planted in the stubbed Gecko customer: a CPR number in a name, and in the journal-like note with health text. */
    static final String PLANTED_CPR = "010190-1234";
    static final String PLANTED_HEALTH = "Diagnose: rosacea";

    private final Hub hub;
    private final ObjectMapper json;

    AccessSandbox(Hub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    /** A Gecko customer as Gecko's REST API shows them, with a CPR number and health text where staff typed them. */
    void geckoCustomer(String customerId, String email) {
        hub.gecko().stubFor(get(urlPathEqualTo("/api/v1/customer/" + customerId)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody("""
                        {"customerId": %s, "customerNo": 7001, "customerName": "Signe %s Holm",
                         "customerFirstName": "Signe %s", "customerLastName": "Holm", "customerEmail": "%s",
                         "customerMobile": "+4520304050", "customerPostalcode": "2100", "customerCity": "København Ø",
                         "customerGender": "female", "customerBirthYear": 1990,
                         "customerAcceptsMarketingEmail": true, "customerAcceptsMarketingSms": false,
                         "customerTags": [{"customerTagId": 7, "customerTagName": "Nyhedsbrev", "customerTagValue": "Ja"}],
                         "customerImportantNote": "CPR %s. %s", "customerNote": "Allergisk over for lidokain"}
                        """.formatted(customerId, PLANTED_CPR, PLANTED_CPR, email, PLANTED_CPR, PLANTED_HEALTH))));
    }

    /** Opens a case as the sandbox admin; answers its id. */
    String request(String body) throws IOException {
        HttpResponse<String> opened = hub.postJson("/admin/access-requests", body, "Authorization", Hub.ADMIN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
        String caseId = json.readTree(opened.body()).path("caseId").asText();
        assertThat(opened.headers().firstValue("Location")).hasValue("/admin/access-requests/" + caseId);
        return caseId;
    }

    /** The case once its report is made. */
    JsonNode finished(String caseId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> json.readTree(
                hub.get("/admin/access-requests/" + caseId, "Authorization", Hub.ADMIN).body()),
                accessCase -> !accessCase.path("status").asText().equals("OPEN"));
    }

    JsonNode reportJson(String caseId) throws IOException {
        HttpResponse<String> report = hub.get("/admin/access-requests/" + caseId + "/report", "Authorization", Hub.ADMIN);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        return json.readTree(report.body());
    }

    HttpResponse<byte[]> download(String path, String authorization) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + hub.port() + path)).header("Authorization", authorization).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The PDF report in {@code lang}, read back as text. */
    String pdfText(String caseId, String lang) throws IOException {
        HttpResponse<byte[]> pdf = download("/admin/access-requests/" + caseId + "/report.pdf?lang=" + lang, Hub.ADMIN);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
