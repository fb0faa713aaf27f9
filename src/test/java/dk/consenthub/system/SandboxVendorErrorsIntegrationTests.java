package dk.consenthub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.SandboxTestEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox stubs themselves, over plain HTTP as any client would call them: a bad request gets the vendor's
 * documented error shape, a good one still gets 200.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxVendorErrorsIntegrationTests {

    static final String LIST = "/3.0/lists/a1b2c3d4e5";
    static final String PROPERTY = "/v1alpha/properties/123456789:submitUserDeletion";

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    SandboxServers sandbox;

    @BeforeAll
    void startSandbox() {
        int gecko = SandboxTestEnvironment.freePort();
        int mailchimp = SandboxTestEnvironment.freePort();
        int google = SandboxTestEnvironment.freePort();
        java.util.Map<String, Integer> ports = java.util.Map.of(SandboxServers.GECKO, gecko,
                SandboxServers.MAILCHIMP, mailchimp, SandboxServers.GOOGLE, google);
        sandbox = SandboxServers.standalone(java.nio.file.Path.of("mappings"), ports::get);
    }

    @AfterAll
    void stopSandbox() {
        sandbox.destroy();
    }

    HttpResponse<String> send(String system, String method, String path, String body) throws Exception {
        String auth = system.equals(SandboxServers.GOOGLE) ? "Bearer sandbox-access-token"
                : "Basic " + Base64.getEncoder().encodeToString("hub:sandbox-key".getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.server(system).baseUrl() + path))
                .header("Authorization", auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode read(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    @Nested
    class Mailchimp {

        HttpResponse<String> putMember(String pathEmail, String bodyEmail) throws Exception {
            return send(SandboxServers.MAILCHIMP, "PUT", LIST + "/members/" + MailchimpMembers.subscriberHash(pathEmail),
                    json.writeValueAsString(Map.of("email_address", bodyEmail, "status_if_new", "subscribed")));
        }

        /** Mailchimp's problem document: type, title, status, detail, instance (external-apis.md 1.5). */
        JsonNode problem(HttpResponse<String> response, int status, String title) throws IOException {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = read(response);
            assertThat(problem.path("type").asText()).isEqualTo("https://mailchimp.com/developer/marketing/docs/errors/");
            assertThat(problem.path("title").asText()).isEqualTo(title);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("detail").asText()).isNotBlank();
            assertThat(problem.path("instance").asText()).isNotBlank();
            return problem;
        }

        @ParameterizedTest
        @ValueSource(strings = {"anna@example.dk", "Anna.Berg+news@Example.DK", "o'brien@sub.example.dk",
                "kunde@bø.dk"})
        void aValidUpsertIsAccepted(String email) throws Exception {
            HttpResponse<String> response = putMember(email, email);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(read(response).path("email_address").asText()).isEqualTo(email);
            assertThat(read(response).path("status").asText()).isEqualTo("subscribed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"søren@example.dk", "anna@localhost", "anna@example.dk.", "anna..berg@example.dk",
                ".anna@example.dk", "anna@-example.dk", "anna@example.d", "anna example@example.dk"})
        void anAddressMailchimpRefusesIsAnInvalidResourceNamingTheField(String email) throws Exception {
            JsonNode problem = problem(putMember(email, email), 400, "Invalid Resource");

            assertThat(problem.path("errors")).singleElement().satisfies(error -> {
                assertThat(error.path("field").asText()).isEqualTo("email_address");
                assertThat(error.path("message").asText()).isNotBlank();
            });
        }

        @Test
        void aHashThatIsNotTheBodysAddressIsAnInvalidResource() throws Exception {
            JsonNode problem = problem(putMember("anna@example.dk", "bente@example.dk"), 400, "Invalid Resource");

            assertThat(problem.path("errors")).singleElement()
                    .satisfies(error -> assertThat(error.path("field").asText()).isEqualTo("email_address"));
        }

        @Test
        void theHashIsOfTheLowerCaseAddress() throws Exception {
            assertThat(putMember("anna@example.dk", "ANNA@Example.dk").statusCode()).isEqualTo(200);
            assertThat(putMember("ANNA@Example.dk", "anna@example.dk").statusCode()).isEqualTo(200);
        }

        @Test
        void theAddressItselfMayStandInThePath() throws Exception {
            HttpResponse<String> response = send(SandboxServers.MAILCHIMP, "PUT", LIST + "/members/anna%40example.dk",
                    "{\"email_address\":\"anna@example.dk\",\"status_if_new\":\"subscribed\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        @Test
        void aBatchAnswers200WithAnErrorPerRefusedMember() throws Exception {
            HttpResponse<String> response = send(SandboxServers.MAILCHIMP, "POST", LIST, """
                    {"members":[
                      {"email_address":"anna@example.dk","status":"subscribed"},
                      {"email_address":"søren@example.dk","status_if_new":"subscribed"},
                      {"email_address":"bente@example.dk","status":"unsubscribed"},
                      {"email_address":"anna@localhost","status":"subscribed"}],
                     "update_existing":true}""");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = read(response);
            assertThat(answer.path("updated_members").findValuesAsText("email_address"))
                    .containsExactly("anna@example.dk", "bente@example.dk");
            assertThat(answer.path("total_updated").asInt()).isEqualTo(2);
            assertThat(answer.path("error_count").asInt()).isEqualTo(2);
            assertThat(answer.path("errors")).hasSize(2).allSatisfy(error -> {
                assertThat(error.path("error").asText()).isNotBlank();
                assertThat(error.path("error_code").asText()).isEqualTo("ERROR_GENERIC");
                assertThat(error.path("field").asText()).isEqualTo("email_address");
            });
            assertThat(answer.path("errors").findValuesAsText("email_address"))
                    .containsExactly("søren@example.dk", "anna@localhost");
        }

        @ParameterizedTest
        @CsvSource({"GET, not.a.member@example.com", "GET, forgotten@example.com", "GET, gone@example.com",
                "PATCH, not.a.member@example.com", "PATCH, forgotten@example.com", "PATCH, gone@example.com"})
        void anUnknownMemberIsNotFound(String method, String email) throws Exception {
            String body = method.equals("PATCH") ? "{\"status\":\"unsubscribed\"}" : null;
            HttpResponse<String> response = send(SandboxServers.MAILCHIMP, method,
                    LIST + "/members/" + MailchimpMembers.subscriberHash(email), body);

            problem(response, 404, "Resource Not Found");
        }

        @Test
        void aKnownMemberIsFound() throws Exception {
            String path = LIST + "/members/" + MailchimpMembers.subscriberHash("anna@example.dk");

            assertThat(send(SandboxServers.MAILCHIMP, "GET", path, null).statusCode()).isEqualTo(200);
            assertThat(send(SandboxServers.MAILCHIMP, "PATCH", path, "{\"status\":\"unsubscribed\"}").statusCode())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Google {

        @ParameterizedTest
        @ValueSource(strings = {"{\"userProvidedData\":\"anna@example.dk\"}", "{\"userProvidedData\":\"annaberg@gmail.com\"}",
                "{\"userProvidedData\":\"søren@example.dk\"}", "{\"userProvidedData\":\"+4520304050\"}",
                "{\"userId\":\"5100001\"}", "{\"clientId\":\"1234567890.1700000000\"}"})
        void aWellFormedDeletionIsAccepted(String body) throws Exception {
            HttpResponse<String> response = send(SandboxServers.GOOGLE, "POST", PROPERTY, body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(read(response).path("deletionRequestTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }

        /** The body, then the field the BadRequest detail names ({@code -} where Google names none). */
        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
                "{} => user",
                "{\"userProvidedData\":\"\"} => user_provided_data",
                "{\"userProvidedData\":\"Anna@example.dk\"} => user_provided_data",
                "{\"userProvidedData\":\"anna @example.dk\"} => user_provided_data",
                "{\"userProvidedData\":\"anna.berg@gmail.com\"} => user_provided_data",
                "{\"userProvidedData\":\"anna@example.dk.\"} => user_provided_data",
                "{\"userProvidedData\":\"anna@localhost\"} => user_provided_data",
                "{\"userProvidedData\":\"not an address\"} => user_provided_data",
                "{\"userId\":\"\"} => user_id",
                "{\"clientId\":\" \"} => client_id",
                "{\"userId\":\"5100001\",\"userProvidedData\":\"anna@example.dk\"} => user",
                "{\"email\":\"anna@example.dk\"} => -",
                "{\"userId\":\"5100001\",\"propertyId\":\"123456789\"} => -",
                "[\"anna@example.dk\"] => -",
                "anna@example.dk => -"})
        void aMalformedDeletionIsAnInvalidArgumentWithAFieldViolation(String body, String field) throws Exception {
            HttpResponse<String> response = send(SandboxServers.GOOGLE, "POST", PROPERTY, body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            JsonNode error = read(response).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(400);
            assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(error.path("details")).singleElement().satisfies(detail -> {
                assertThat(detail.path("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.BadRequest");
                assertThat(detail.path("fieldViolations")).isNotEmpty().allSatisfy(
                        violation -> assertThat(violation.path("description").asText()).isNotBlank());
                if (!field.equals("-")) {
                    assertThat(detail.path("fieldViolations").findValuesAsText("field")).containsExactly(field);
                }
            });
        }

        @Test
        void everyUnknownFieldIsNamed() throws Exception {
            HttpResponse<String> response = send(SandboxServers.GOOGLE, "POST", PROPERTY,
                    "{\"userId\":\"5100001\",\"email\":\"x\",\"cpr\":\"y\"}");

            JsonNode violations = read(response).path("error").path("details").path(0).path("fieldViolations");
            assertThat(violations.findValuesAsText("description")).containsExactly(
                    "Invalid JSON payload received. Unknown name \"email\": Cannot find field.",
                    "Invalid JSON payload received. Unknown name \"cpr\": Cannot find field.");
        }
    }
}
