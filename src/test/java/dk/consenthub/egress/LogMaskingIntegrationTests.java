package dk.consenthub.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.system.SandboxServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole hub, its real flows and its real logging configuration: CPR numbers and health text planted in every
 * field of Gecko deliveries, accepted, refused, blocked and retried, must leave no trace in what the hub writes.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingIntegrationTests {

    private static final String HOOK = "/webhooks/gecko/sandbox-gecko-webhook-token";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> HEALTH_WORDS = List.of("lidokain", "rosacea", "roaccutan", "diagnose", "botox");

    @LocalServerPort
    int port;

    @Autowired
    SandboxServers sandbox;

    @Autowired
    ObjectMapper json;

    @Autowired
    InboxStore inbox;

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

    static void assertNoTrace(CapturedOutput output, PlantedCpr planted) {
        String all = output.getAll();
        assertThat(all).as("captured log").doesNotContain(planted.cpr(), planted.datePart(),
                planted.dotted().substring(0, 8), planted.marker());
        for (String word : HEALTH_WORDS) {
            assertThat(all).as("captured log").doesNotContainIgnoringCase(word);
        }
        assertThat(new CprDetector().find(all)).as("CPR numbers in the captured log").isEmpty();
    }

    HttpResponse<String> send(Map<String, Object> payload) throws Exception {
        return hub.postJson(HOOK, json.writeValueAsString(payload));
    }

    String eventId(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(202);
        return json.readTree(response.body()).path("eventId").asText();
    }

    static String memberPath(String email) {
        return "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
    }

    List<LoggedRequest> memberRequests(String email) {
        return Journal.requests(mailchimp, r -> r.getUrl().equals(memberPath(email)));
    }

    @Nested
    class AcceptedDeliveries {

        @Test
        void aDeliveryWithCprAndHealthTextInEveryFieldIsSentOnAndLeavesNoTrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();
            String eventId = eventId(send(planted.customer(planted.email(), "ja")));

            await().atMost(WAIT).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.DONE);
            assertThat(memberRequests(planted.email())).singleElement()
                    .satisfies(request -> assertThat(request.getMethod().getName()).isEqualTo("PUT"));
            assertNoTrace(output, planted);
        }

        @Test
        void aWithdrawalWithCprAndHealthTextInEveryFieldLeavesNoTrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();
            String eventId = eventId(send(planted.customer(planted.email(), "nej")));

            await().atMost(WAIT).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.DONE);
            assertThat(memberRequests(planted.email())).singleElement()
                    .satisfies(request -> assertThat(request.getMethod().getName()).isEqualTo("PATCH"));
            assertNoTrace(output, planted);
        }
    }

    @Nested
    class FailedDeliveries {

        @Test
        void aCprInTheEmailIsBlockedAndTheLoggedFailureCarriesNoTrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();
            String email = "anna" + planted.cpr() + "@" + planted.marker() + ".example.dk";
            String eventId = eventId(send(planted.customer(email, "ja")));

            await().atMost(WAIT).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.FAILED);
            await().atMost(WAIT).until(() -> output.getAll().contains("Inbox event " + eventId + " failed for good"));
            assertThat(output.getAll()).contains(EgressBlockedException.ERROR_TYPE);
            assertThat(memberRequests(email)).isEmpty();
            assertNoTrace(output, planted);
        }

        @Test
        void retriesAgainstAFailingMailchimpAreLoggedWithoutATrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();
            addedStubs.add(mailchimp.stubFor(put(urlPathEqualTo(memberPath(planted.email()))).atPriority(1)
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"member "
                                    + planted.email() + " " + planted.dashed() + "\"}"))));

            String eventId = eventId(send(planted.customer(planted.email(), "ja")));

            await().atMost(WAIT).until(() -> output.getAll().contains("Inbox event " + eventId + " failed (attempt 1)"));
            assertThat(output.getAll()).contains("HTTP_503");
            assertThat(memberRequests(planted.email())).hasSizeGreaterThanOrEqualTo(5);
            assertNoTrace(output, planted);
        }
    }

    @Nested
    class RefusedDeliveries {

        @Test
        void anInvalidCustomerIdIsRefusedWithoutATrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();
            Map<String, Object> payload = planted.customer(planted.email(), "ja");
            payload.put("CUSTOMERID", planted.dashed() + " Diagnose rosacea " + planted.marker());

            assertThat(send(payload).statusCode()).isEqualTo(400);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 400"));
            assertNoTrace(output, planted);
        }

        @Test
        void anEmailThatIsACprIsRefusedWithoutATrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();

            assertThat(send(planted.customer("anna " + planted.dashed() + " lidokain " + planted.marker(), "ja"))
                    .statusCode()).isEqualTo(400);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 400"));
            assertNoTrace(output, planted);
        }

        @Test
        void anUnknownFlagSpellingWithACprIsRefusedWithoutATrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();

            assertThat(send(planted.customer(planted.email(), "ja " + planted.cpr() + " rosacea")).statusCode())
                    .isEqualTo(400);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 400"));
            assertNoTrace(output, planted);
        }

        @Test
        void malformedJsonWithACprIsRefusedWithoutATrace(CapturedOutput output) {
            PlantedCpr planted = PlantedCpr.fresh();
            String malformed = "{\"CUSTOMERID\": \"" + planted.cpr() + "\", \"CUSTOMERNOTE\": \"Diagnose: rosacea "
                    + planted.marker() + ", lidokain, cpr " + planted.dashed();

            assertThat(hub.postJson(HOOK, malformed).statusCode()).isEqualTo(400);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 400"));
            assertNoTrace(output, planted);
        }

        @Test
        void aWrongContentTypeAndAnOversizeBodyAreRefusedWithoutATrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();
            byte[] body = json.writeValueAsBytes(planted.customer(planted.email(), "ja"));
            Map<String, Object> oversize = planted.customer(planted.email(), "ja");
            oversize.put("CUSTOMERNOTE", ("Diagnose: rosacea " + planted.dashed() + " ").repeat(3000));

            assertThat(hub.post(HOOK, "text/plain", body).statusCode()).isEqualTo(415);
            // refused by the body-size filter before any route runs; that refusal is not logged
            assertThat(send(oversize).statusCode()).isEqualTo(413);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 415"));
            assertNoTrace(output, planted);
        }

        @Test
        void aCprInTheTokenPathIsRefusedWithoutATrace(CapturedOutput output) throws Exception {
            PlantedCpr planted = PlantedCpr.fresh();
            String payload = json.writeValueAsString(planted.customer(planted.email(), "ja"));

            assertThat(hub.postJson("/webhooks/gecko/" + planted.cpr(), payload).statusCode()).isEqualTo(401);
            assertThat(hub.postJson("/webhooks/gecko/" + planted.dashed() + "-rosacea-" + planted.marker(), payload)
                    .statusCode()).isEqualTo(401);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 401"));
            assertNoTrace(output, planted);
        }
    }
}
