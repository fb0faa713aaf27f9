package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deliveries the Gecko webhook refuses (wrong token, invalid payload, type or size): nothing stored or echoed. */
@HubIntegrationTest
class BookingWebhookRefusalIntegrationTests extends GeckoDeliveries {

    @Test
    void aWrongTokenIsUnauthorizedWithoutDetailAndStoresNothing() throws Exception {
        long before = storedEvents();
        HttpResponse<String> response = hub.postJson("/webhooks/gecko/not-the-token",
                json.writeValueAsString(GeckoPayloads.customer(TestIds.customerId(), TestIds.email("x"), "ja")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("token").doesNotContain("not-the-token");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void noResponseEchoesTheTokenOrRequestHeaders() throws Exception {
        HttpResponse<String> accepted = hub.postJson(HOOK,
                json.writeValueAsString(GeckoPayloads.customer(TestIds.customerId(), TestIds.email("echo"), "ja")),
                "X-Clinic-Secret", "s3cr3t-value");
        HttpResponse<String> refused = hub.postJson(HOOK, "{not json", "X-Clinic-Secret", "s3cr3t-value");

        for (HttpResponse<String> response : List.of(accepted, refused)) {
            assertThat(response.headers().map().toString()).doesNotContain(TOKEN).doesNotContain("s3cr3t-value")
                    .doesNotContainIgnoringCase("x-clinic-secret").doesNotContainIgnoringCase("token");
            assertThat(response.body()).doesNotContain(TOKEN).doesNotContain("s3cr3t-value");
        }
    }

    @Test
    void aMissingIdIsABadRequestNamingTheField() throws Exception {
        long before = storedEvents();
        Map<String, Object> payload = GeckoPayloads.customer(null, TestIds.email("noid"), "ja");
        HttpResponse<String> response = send(payload);

        assertProblem(response, 400, "CUSTOMERID");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBadEmailNamesTheFieldButNeverEchoesTheValue() throws Exception {
        long before = storedEvents();
        HttpResponse<String> response = send(GeckoPayloads.customer(TestIds.customerId(), "anna 010190-1234 at home",
                "ja"));

        assertProblem(response, 400, "CUSTOMEREMAIL");
        assertThat(response.body()).doesNotContain("010190").doesNotContain("anna");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anUnknownFlagSpellingIsRefused() throws Exception {
        HttpResponse<String> response = send(GeckoPayloads.customer(TestIds.customerId(), TestIds.email("f"), "maybe"));

        assertProblem(response, 400, "CUSTOMERACCEPTSMARKETINGEMAIL");
        assertThat(response.body()).doesNotContain("maybe");
    }

    @Test
    void malformedJsonIsRefusedWithoutQuotingIt() {
        long before = storedEvents();
        HttpResponse<String> response = hub.postJson(HOOK, "{\"CUSTOMERID\": \"1\", \"CUSTOMERNOTE\": \"cpr 0101901234");

        assertProblem(response, 400, null);
        assertThat(response.body()).doesNotContain("0101901234");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aWrongContentTypeIsUnsupported() {
        long before = storedEvents();
        HttpResponse<String> response = hub.post(HOOK, "text/plain", "{\"CUSTOMERID\":\"1\"}".getBytes());

        assertProblem(response, 415, "Content-Type");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anOversizeBodyIsRefusedBeforeItIsRead() throws Exception {
        long before = storedEvents();
        Map<String, Object> payload = GeckoPayloads.customer(TestIds.customerId(), TestIds.email("big"), "ja");
        payload.put("CUSTOMERNOTE", "x".repeat(70 * 1024));
        HttpResponse<String> response = send(payload);

        assertProblem(response, 413, null);
        assertThat(storedEvents()).isEqualTo(before);
    }

    void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        try {
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("title").asText()).isNotBlank();
            if (field != null) {
                assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
            }
        } catch (Exception e) {
            throw new AssertionError("not a problem document: " + response.body(), e);
        }
    }
}
