package dk.consenthub.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dk.consenthub.support.Journal.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.system.SandboxServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@HubIntegrationTest
class BookingWebhookIntegrationTests {

    private static final String TOKEN = "sandbox-gecko-webhook-token";
    private static final String HOOK = "/webhooks/gecko/" + TOKEN;
    private static final AtomicInteger IDS = new AtomicInteger(900_000);

    @LocalServerPort
    int port;

    @Autowired
    SandboxServers sandbox;

    @Autowired
    ObjectMapper json;

    @Autowired
    InboxStore inbox;

    @Autowired
    JdbcClient jdbc;

    HubClient hub;
    WireMockServer mailchimp;
    final List<StubMapping> addedStubs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        mailchimp = sandbox.server(SandboxServers.MAILCHIMP);
    }

    @AfterEach
    void removeAddedStubs() {
        addedStubs.forEach(mailchimp::removeStubMapping);
    }

    String newCustomerId() {
        return String.valueOf(IDS.incrementAndGet());
    }

    static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.dk";
    }

    HttpResponse<String> send(Map<String, Object> payload) throws Exception {
        return hub.postJson(HOOK, json.writeValueAsString(payload));
    }

    List<LoggedRequest> memberRequests(String email) {
        String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        return Journal.requests(mailchimp, r -> r.getUrl().equals(path));
    }

    long storedEvents() {
        return jdbc.sql("select count(*) from inbox_event").query(Long.class).single();
    }

    JsonNode body(LoggedRequest request) throws Exception {
        return json.readTree(request.getBodyAsString());
    }

    @Nested
    class AcceptedDeliveries {

        @Test
        void grantUpsertsTheMemberOnceWithItsHashAndStatusIfNew() throws Exception {
            String email = uniqueEmail("Mette.Hansen");
            HttpResponse<String> response = send(GeckoPayloads.customer(newCustomerId(), email, "ja"));

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(json.readTree(response.body()).path("eventId").asText()).isNotBlank();
            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            LoggedRequest put = memberRequests(email).get(0);
            assertThat(put.getMethod().getName()).isEqualTo("PUT");
            assertThat(put.getUrl()).endsWith("/members/" + MailchimpMembers.subscriberHash(email.toLowerCase()));
            JsonNode sent = body(put);
            assertThat(sent.path("email_address").asText()).isEqualTo(email);
            assertThat(sent.path("status_if_new").asText()).isEqualTo("subscribed");
            assertThat(sent.has("status")).isFalse();
            assertThat(put.getHeader("Authorization")).startsWith("Basic ");
        }

        @Test
        void withdrawalUnsubscribesTheMember() throws Exception {
            String email = uniqueEmail("ole");
            assertThat(send(GeckoPayloads.customer(newCustomerId(), email, "nej")).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            LoggedRequest request = memberRequests(email).get(0);
            assertThat(request.getMethod().getName()).isEqualTo("PATCH");
            assertThat(body(request).path("status").asText()).isEqualTo("unsubscribed");
        }

        @Test
        void aRepeatedDeliveryAnswersTheSameEventAndIsProcessedOnce() throws Exception {
            String email = uniqueEmail("dup");
            Map<String, Object> payload = GeckoPayloads.customer(newCustomerId(), email, "1");
            HttpResponse<String> first = send(payload);
            HttpResponse<String> again = send(payload);

            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json.readTree(again.body()).path("eventId").asText())
                    .isEqualTo(json.readTree(first.body()).path("eventId").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() >= 1);
            String eventId = json.readTree(first.body()).path("eventId").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.DONE);
            assertThat(memberRequests(email)).hasSize(1);
        }

        @Test
        void theSameContentAfterAChangeIsANewEvent() throws Exception {
            String id = newCustomerId();
            String email = uniqueEmail("flip");
            String grant = json.readTree(send(GeckoPayloads.customer(id, email, true)).body()).path("eventId").asText();
            String withdraw = json.readTree(send(GeckoPayloads.customer(id, email, false)).body()).path("eventId").asText();
            String grantAgain = json.readTree(send(GeckoPayloads.customer(id, email, true)).body()).path("eventId").asText();

            assertThat(List.of(grant, withdraw, grantAgain)).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 3);
            assertThat(memberRequests(email)).extracting(r -> r.getMethod().getName())
                    .containsExactly("PUT", "PATCH", "PUT");
        }

        @ParameterizedTest
        @CsvSource({"true,PUT", "false,PATCH", "1,PUT", "0,PATCH", "ja,PUT", "nej,PATCH", "Ja,PUT", "NEJ,PATCH"})
        void acceptsTheUsualFlagSpellings(String flag, String expectedMethod) throws Exception {
            String email = uniqueEmail("flag");
            assertThat(send(GeckoPayloads.customer(newCustomerId(), email, flag)).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            assertThat(memberRequests(email).get(0).getMethod().getName()).isEqualTo(expectedMethod);
        }

        @Test
        void storesThePayloadEncrypted() throws Exception {
            String email = uniqueEmail("sealed");
            String eventId = json.readTree(send(GeckoPayloads.customer(newCustomerId(), email, "ja")).body())
                    .path("eventId").asText();

            byte[] stored = jdbc.sql("select payload from inbox_event where id = :id").param("id", eventId)
                    .query(byte[].class).single();
            String keyId = jdbc.sql("select key_id from inbox_event where id = :id").param("id", eventId)
                    .query(String.class).single();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(email).doesNotContain("Mette");
            assertThat(keyId).isEqualTo("sandbox-1");
        }
    }

    @Nested
    class PrivacyOnTheWayOut {

        @Test
        void aNoteWithCprAndHealthTextNeverReachesMailchimp() throws Exception {
            String email = uniqueEmail("note");
            Map<String, Object> payload = GeckoPayloads.customer(newCustomerId(), email, "ja");
            payload.put("CUSTOMERIMPORTANTNOTE", "CPR 010190-1234. Allergisk over for lidokain. Diagnose: rosacea");
            payload.put("CUSTOMERNOTE", "Botox 20 enheder pande; cpr 2203851234");
            payload.put("CUSTOMERBIRTHDAY", "1990-01-01");
            assertThat(send(payload).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            String everything = Journal.everything(memberRequests(email).get(0));
            assertThat(everything).doesNotContain("010190", "2203851234", "lidokain", "rosacea", "Botox", "1990-01-01");
            assertThat(body(memberRequests(email).get(0)).fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("email_address", "status_if_new", "merge_fields");
        }
    }

    @Nested
    class Retries {

        @Test
        void mailchimpFailingTwiceThenRecoveringGetsExactlyOneSuccessfulPut() throws Exception {
            String email = uniqueEmail("flaky");
            String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
            String scenario = "flaky-" + email;
            addedStubs.add(mailchimp.stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(STARTED).willSetStateTo("failed-once")
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Service Unavailable\",\"status\":503}"))));
            addedStubs.add(mailchimp.stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs("failed-once").willSetStateTo("recovered")
                    .willReturn(aResponse().withStatus(503))));

            String eventId = json.readTree(send(GeckoPayloads.customer(newCustomerId(), email, "ja")).body())
                    .path("eventId").asText();

            await().atMost(Duration.ofSeconds(15)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.DONE);
            List<Integer> statuses = mailchimp.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().equals(path))
                    .map(e -> e.getResponse().getStatus()).toList();
            assertThat(statuses).containsExactlyInAnyOrder(503, 503, 200);
        }

        @Test
        void anOutageLongerThanTheInFlightRetriesPutsTheEventBackInLine() throws Exception {
            String email = uniqueEmail("outage");
            String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
            addedStubs.add(mailchimp.stubFor(put(urlPathEqualTo(path)).atPriority(1)
                    .willReturn(aResponse().withStatus(503))));

            String eventId = json.readTree(send(GeckoPayloads.customer(newCustomerId(), email, "ja")).body())
                    .path("eventId").asText();

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select attempts from inbox_event where id = :id").param("id", eventId).query(Integer.class).single() >= 2);
            assertThat(inbox.status(eventId)).hasValueSatisfying(s -> assertThat(s).isNotEqualTo(InboxStore.Status.FAILED));
            String error = jdbc.sql("select last_error from inbox_event where id = :id").param("id", eventId)
                    .query(String.class).single();
            assertThat(error).contains("HTTP_503").doesNotContain(email);
            // 1 + max-redeliveries (4) requests per dispatch attempt
            assertThat(Journal.requests(mailchimp, r -> r.getUrl().equals(path)).size()).isGreaterThanOrEqualTo(5);
        }

        @Test
        void aComplianceStateIsTerminalAndNotRetried() throws Exception {
            String email = "compliance.state@example.com";
            String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
            int before = Journal.requests(mailchimp, r -> r.getUrl().equals(path)).size();

            String eventId = json.readTree(send(GeckoPayloads.customer(newCustomerId(), email, "ja")).body())
                    .path("eventId").asText();

            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.FAILED);
            assertThat(Journal.requests(mailchimp, r -> r.getUrl().equals(path))).hasSize(before + 1);
            assertThat(jdbc.sql("select last_error from inbox_event where id = :id").param("id", eventId)
                    .query(String.class).single()).contains("COMPLIANCE_STATE").doesNotContain(email);
        }
    }

    @Nested
    class RefusedDeliveries {

        @Test
        void aWrongTokenIsUnauthorizedWithoutDetailAndStoresNothing() throws Exception {
            long before = storedEvents();
            HttpResponse<String> response = hub.postJson("/webhooks/gecko/not-the-token",
                    json.writeValueAsString(GeckoPayloads.customer(newCustomerId(), uniqueEmail("x"), "ja")));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("token").doesNotContain("not-the-token");
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void noResponseEchoesTheTokenOrRequestHeaders() throws Exception {
            HttpResponse<String> accepted = hub.postJson(HOOK,
                    json.writeValueAsString(GeckoPayloads.customer(newCustomerId(), uniqueEmail("echo"), "ja")),
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
            Map<String, Object> payload = GeckoPayloads.customer(null, uniqueEmail("noid"), "ja");
            HttpResponse<String> response = send(payload);

            assertProblem(response, 400, "CUSTOMERID");
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void aBadEmailNamesTheFieldButNeverEchoesTheValue() throws Exception {
            long before = storedEvents();
            HttpResponse<String> response = send(GeckoPayloads.customer(newCustomerId(), "anna 010190-1234 at home", "ja"));

            assertProblem(response, 400, "CUSTOMEREMAIL");
            assertThat(response.body()).doesNotContain("010190").doesNotContain("anna");
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void anUnknownFlagSpellingIsRefused() throws Exception {
            HttpResponse<String> response = send(GeckoPayloads.customer(newCustomerId(), uniqueEmail("f"), "maybe"));

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
            Map<String, Object> payload = GeckoPayloads.customer(newCustomerId(), uniqueEmail("big"), "ja");
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
}
