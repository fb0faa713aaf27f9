package dk.consenthub.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.inbox.InboxDispatch;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.system.SandboxServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelContext;
import org.apache.camel.Channel;
import org.apache.camel.Navigate;
import org.apache.camel.Route;
import org.apache.camel.processor.errorhandler.ExceptionPolicy;
import org.apache.camel.processor.errorhandler.RedeliveryErrorHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.util.ReflectionTestUtils;

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

    @Autowired
    CamelContext camel;

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

    /**
     * A CPR number and a marker made for one test. The marker is letters only, so it never glues to the digits, and
     * is part of every planted value: seeing it in the log means some planted field was logged.
     */
    record Planted(String cpr, String marker) {

        static Planted fresh() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            // 7th digit 0-3: born in the 1900s, so any year 00-99 and days up to 28 make a valid date
            String cpr = String.format("%02d%02d%02d%d%03d", 1 + random.nextInt(28), 1 + random.nextInt(12),
                    random.nextInt(100), random.nextInt(4), random.nextInt(1000));
            StringBuilder marker = new StringBuilder("zq");
            for (int i = 0; i < 8; i++) {
                marker.append((char) ('a' + random.nextInt(26)));
            }
            return new Planted(cpr, marker.toString());
        }

        String datePart() {
            return cpr.substring(0, 6);
        }

        String dashed() {
            return datePart() + "-" + cpr.substring(6);
        }

        String nbsp() {
            return datePart() + "\u00A0" + cpr.substring(6);
        }

        String enDash() {
            return datePart() + "\u2013" + cpr.substring(6);
        }

        String dotted() {
            return cpr.substring(0, 2) + "." + cpr.substring(2, 4) + "." + cpr.substring(4, 6) + " " + cpr.substring(6);
        }

        String email() {
            return "mette." + marker + "@example.dk";
        }

        /**
         * Gecko's customer template with a CPR number or health text in every field but the consent flags and the id
         * (an id carrying a CPR number is refused at the door: StrictInputIntegrationTests).
         */
        Map<String, Object> customer(String email, String acceptsEmail) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("CUSTOMERID", "k" + marker);
            body.put("CUSTOMERNAME", "Mette Hansen " + dashed() + " " + marker);
            body.put("CUSTOMERFIRSTNAME", "Mette " + nbsp() + " Roaccutan");
            body.put("CUSTOMERLASTNAME", "Hansen " + enDash() + " Roaccutan " + marker);
            body.put("CUSTOMEREMAIL", email);
            body.put("CUSTOMERMOBILE", cpr);
            body.put("CUSTOMERPOSTALCODE", dashed());
            body.put("CUSTOMERBIRTHDAY", dotted());
            body.put("CUSTOMERACCEPTSMARKETINGEMAIL", acceptsEmail);
            body.put("CUSTOMERACCEPTSMARKETINGSMS", "0");
            body.put("CUSTOMERIMPORTANTNOTE", "CPR " + dashed() + ". Allergisk over for lidokain " + marker);
            body.put("CUSTOMERNOTE", "Diagnose: rosacea, behandles med Roaccutan; Botox pande " + marker + "; cpr " + cpr);
            body.put("CUSTOMERTAGS", List.of(Map.of("CUSTOMERTAGID", "7",
                    "CUSTOMERTAGNAME", "Roaccutan " + dashed() + " " + marker,
                    "CUSTOMERTAGVALUE", "Diagnose rosacea " + cpr)));
            body.put("JOURNALNOTAT", "Diagnose: rosacea. Lidokain-allergi. CPR " + enDash() + " " + marker);
            return body;
        }
    }

    static void assertNoTrace(CapturedOutput output, Planted planted) {
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
            Planted planted = Planted.fresh();
            String eventId = eventId(send(planted.customer(planted.email(), "ja")));

            await().atMost(WAIT).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.DONE);
            assertThat(memberRequests(planted.email())).singleElement()
                    .satisfies(request -> assertThat(request.getMethod().getName()).isEqualTo("PUT"));
            assertNoTrace(output, planted);
        }

        @Test
        void aWithdrawalWithCprAndHealthTextInEveryFieldLeavesNoTrace(CapturedOutput output) throws Exception {
            Planted planted = Planted.fresh();
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
            Planted planted = Planted.fresh();
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
            Planted planted = Planted.fresh();
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
            Planted planted = Planted.fresh();
            Map<String, Object> payload = planted.customer(planted.email(), "ja");
            payload.put("CUSTOMERID", planted.dashed() + " Diagnose rosacea " + planted.marker());

            assertThat(send(payload).statusCode()).isEqualTo(400);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 400"));
            assertNoTrace(output, planted);
        }

        @Test
        void anEmailThatIsACprIsRefusedWithoutATrace(CapturedOutput output) throws Exception {
            Planted planted = Planted.fresh();

            assertThat(send(planted.customer("anna " + planted.dashed() + " lidokain " + planted.marker(), "ja"))
                    .statusCode()).isEqualTo(400);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 400"));
            assertNoTrace(output, planted);
        }

        @Test
        void anUnknownFlagSpellingWithACprIsRefusedWithoutATrace(CapturedOutput output) throws Exception {
            Planted planted = Planted.fresh();

            assertThat(send(planted.customer(planted.email(), "ja " + planted.cpr() + " rosacea")).statusCode())
                    .isEqualTo(400);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 400"));
            assertNoTrace(output, planted);
        }

        @Test
        void malformedJsonWithACprIsRefusedWithoutATrace(CapturedOutput output) {
            Planted planted = Planted.fresh();
            String malformed = "{\"CUSTOMERID\": \"" + planted.cpr() + "\", \"CUSTOMERNOTE\": \"Diagnose: rosacea "
                    + planted.marker() + ", lidokain, cpr " + planted.dashed();

            assertThat(hub.postJson(HOOK, malformed).statusCode()).isEqualTo(400);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 400"));
            assertNoTrace(output, planted);
        }

        @Test
        void aWrongContentTypeAndAnOversizeBodyAreRefusedWithoutATrace(CapturedOutput output) throws Exception {
            Planted planted = Planted.fresh();
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
            Planted planted = Planted.fresh();
            String payload = json.writeValueAsString(planted.customer(planted.email(), "ja"));

            assertThat(hub.postJson("/webhooks/gecko/" + planted.cpr(), payload).statusCode()).isEqualTo(401);
            assertThat(hub.postJson("/webhooks/gecko/" + planted.dashed() + "-rosacea-" + planted.marker(), payload)
                    .statusCode()).isEqualTo(401);
            await().atMost(WAIT).until(() -> output.getAll().contains("Rejected gecko webhook: 401"));
            assertNoTrace(output, planted);
        }
    }

    @Nested
    class TheLogItself {

        @Test
        void aCprLoggedByTheHubIsMaskedInTheCapturedOutput(CapturedOutput output) {
            Planted planted = Planted.fresh();

            LoggerFactory.getLogger(InboxDispatch.class).error("Capture check for {} and {}", planted.dashed(),
                    planted.nbsp(), new IllegalStateException("cause " + planted.cpr(),
                            new IllegalArgumentException("root " + planted.dotted())));

            assertThat(output.getAll()).contains("Capture check for [CPR] and [CPR]")
                    .contains("java.lang.IllegalStateException: cause [CPR]")
                    .contains("Caused by: java.lang.IllegalArgumentException: root [CPR]");
            assertThat(output.getAll()).doesNotContain(planted.cpr(), planted.datePart(), planted.dotted().substring(0, 8));
        }

        @Test
        void everyAppenderOfTheRunningHubWritesThroughTheMaskingEncoder() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
            for (Logger logger : context.getLoggerList()) {
                logger.iteratorForAppenders().forEachRemaining(appenders::add);
            }

            assertThat(appenders).extracting(Appender::getName).contains("CONSOLE");
            assertThat(appenders).allSatisfy(appender -> assertThat(appender)
                    .isInstanceOfSatisfying(OutputStreamAppender.class, out -> assertThat(out.getEncoder())
                            .isInstanceOf(CprMaskingPatternLayoutEncoder.class)));
        }
    }

    @Nested
    class Camel {

        @Test
        void masksLogOutputAndDoesNotTrace() {
            assertThat(camel.isLogMask()).isTrue();
            assertThat(camel.isTracing()).isFalse();
            assertThat(camel.isBacklogTracing()).isFalse();
        }

        @Test
        void noErrorHandlerLogsTheMessageBodyOfAnExhaustedDelivery() {
            List<RedeliveryErrorHandler> handlers = errorHandlers();
            List<ExceptionPolicy> policies = new ArrayList<>();

            for (RedeliveryErrorHandler handler : handlers) {
                assertThat(handler.getRedeliveryPolicy().isLogExhaustedMessageBody()).isFalse();
                for (ExceptionPolicy policy : exceptionPolicies(handler)) {
                    policies.add(policy);
                    assertThat(policy.createRedeliveryPolicy(camel, handler.getRedeliveryPolicy())
                            .isLogExhaustedMessageBody()).as(policy.getExceptions().toString()).isFalse();
                }
            }
            assertThat(policies).as("the egress retry policy was inspected")
                    .anySatisfy(policy -> assertThat(policy.getExceptions())
                            .contains(RetryableEgressException.class.getName()));
        }

        /** Camel keeps a handler's onException policies to itself; null until the first is added. */
        List<ExceptionPolicy> exceptionPolicies(RedeliveryErrorHandler handler) {
            Map<?, ?> policies = (Map<?, ?>) ReflectionTestUtils.getField(handler, "exceptionPolicies");
            return policies == null ? List.of()
                    : policies.values().stream().map(ExceptionPolicy.class::cast).toList();
        }

        List<RedeliveryErrorHandler> errorHandlers() {
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<RedeliveryErrorHandler> found = new ArrayList<>();
            for (Route route : camel.getRoutes()) {
                collect(route.navigate(), seen, found);
            }
            return found;
        }

        void collect(Object node, Set<Object> seen, List<RedeliveryErrorHandler> found) {
            if (node == null || !seen.add(node)) {
                return;
            }
            if (node instanceof RedeliveryErrorHandler handler) {
                found.add(handler);
            }
            if (node instanceof Channel channel) {
                collect(channel.getErrorHandler(), seen, found);
                collect(channel.getNextProcessor(), seen, found);
            }
            if (node instanceof Navigate<?> navigate && navigate.hasNext()) {
                for (Object next : navigate.next()) {
                    collect(next, seen, found);
                }
            }
        }
    }
}
