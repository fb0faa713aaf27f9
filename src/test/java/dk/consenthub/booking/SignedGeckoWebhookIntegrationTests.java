package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The signed Gecko webhook, {@code POST /webhooks/gecko}, through the whole hub: signature, window and replay. */
@HubIntegrationTest
class SignedGeckoWebhookIntegrationTests {

    static final String HOOK = "/webhooks/gecko";
    static final String SECRET = "sandbox-gecko-signing-secret";
    static final String STALE_OR_REPLAYED = "Stale or replayed delivery";
    private static final AtomicInteger IDS = new AtomicInteger(700_000);

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

    @Autowired
    Clock clock;

    HubClient hub;
    WireMockServer mailchimp;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        mailchimp = sandbox.server(SandboxServers.MAILCHIMP);
    }

    /** A delivery as a signing sender puts it on the wire. */
    record Delivery(String timestamp, String signature, byte[] body) {

        String[] headers() {
            return new String[] {"X-Gecko-Timestamp", timestamp, "X-Gecko-Signature", signature};
        }

        Delivery withSignature(String other) {
            return new Delivery(timestamp, other, body);
        }

        Delivery withBody(byte[] other) {
            return new Delivery(timestamp, signature, other);
        }

        String hex() {
            return signature.substring("sha256=".length());
        }
    }

    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unix seconds by the hub's own clock. */
    long now() {
        return clock.instant().getEpochSecond();
    }

    Delivery signed(byte[] body, long timestamp) {
        String ts = String.valueOf(timestamp);
        return new Delivery(ts, sign(SECRET, ts, body), body);
    }

    Delivery signed(Map<String, Object> payload, long timestamp) throws Exception {
        return signed(json.writeValueAsBytes(payload), timestamp);
    }

    HttpResponse<String> send(Delivery delivery) {
        return hub.post(HOOK, "application/json", delivery.body(), delivery.headers());
    }

    String newCustomerId() {
        return String.valueOf(IDS.incrementAndGet());
    }

    static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.dk";
    }

    Map<String, Object> customer(String email) {
        return GeckoPayloads.customer(newCustomerId(), email, "ja");
    }

    long storedEvents() {
        return jdbc.sql("select count(*) from inbox_event").query(Long.class).single();
    }

    List<LoggedRequest> memberRequests(String email) {
        String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        return Journal.requests(mailchimp, r -> r.getUrl().equals(path));
    }

    String eventId(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("eventId").asText();
    }

    void assertRefused(HttpResponse<String> response, String title) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        try {
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(401);
            assertThat(problem.path("title").asText()).isEqualTo(title);
            assertThat(problem.has("detail")).as("detail").isFalse();
            assertThat(problem.has("errors")).as("errors").isFalse();
        } catch (Exception e) {
            throw new AssertionError("not a problem document: " + response.body(), e);
        }
    }

    @Nested
    class AcceptedDeliveries {

        @Test
        void aCorrectlySignedDeliveryIsAcceptedAndReachesMailchimp() throws Exception {
            String email = uniqueEmail("Signe.Hansen");
            HttpResponse<String> response = send(signed(customer(email), now()));

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(eventId(response)).isNotBlank();
            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            LoggedRequest put = memberRequests(email).get(0);
            assertThat(put.getMethod().getName()).isEqualTo("PUT");
            assertThat(json.readTree(put.getBodyAsString()).path("email_address").asText()).isEqualTo(email);
        }

        @ParameterizedTest
        @ValueSource(longs = {-299, 299})
        void aTimestampJustInsideTheWindowIsAccepted(long offset) throws Exception {
            HttpResponse<String> response = send(signed(customer(uniqueEmail("edge")), now() + offset));

            assertThat(response.statusCode()).isEqualTo(202);
        }

        @Test
        void theBodyIsVerifiedByteForByteAsSent() {
            // hand-written JSON with odd spacing and non-ASCII: a re-serialized body would not match the signature
            String id = newCustomerId();
            String email = uniqueEmail("soeren");
            byte[] body = ("{ \"CUSTOMERID\" : \"" + id + "\",\n\t\"CUSTOMERFIRSTNAME\":\"Søren\",  \"CUSTOMEREMAIL\": \""
                    + email + "\", \"CUSTOMERACCEPTSMARKETINGEMAIL\" : \"ja\" }\n").getBytes(StandardCharsets.UTF_8);

            assertThat(send(signed(body, now())).statusCode()).isEqualTo(202);
        }

        @Test
        void theSameContentSignedUnderANewTimestampAnswersTheSameEvent() throws Exception {
            String email = uniqueEmail("resend");
            Map<String, Object> payload = customer(email);
            long before = storedEvents();

            HttpResponse<String> first = send(signed(payload, now()));
            HttpResponse<String> resent = send(signed(payload, now() - 5));

            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(resent.statusCode()).isEqualTo(200);
            assertThat(eventId(resent)).isEqualTo(eventId(first));
            assertThat(storedEvents()).isEqualTo(before + 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> inbox.status(eventId(first)).orElseThrow() == InboxStore.Status.DONE);
            assertThat(memberRequests(email)).hasSize(1);
        }
    }

    @Nested
    class RefusedDeliveries {

        @Test
        void aWrongSignatureIsUnauthorizedWithoutDetailAndStoresNothing() throws Exception {
            long before = storedEvents();
            Delivery delivery = signed(customer(uniqueEmail("wrong")), now());

            HttpResponse<String> response = send(delivery.withSignature("sha256=" + "0".repeat(64)));

            assertRefused(response, "Unauthorized");
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void aSignatureUnderAnotherSecretIsUnauthorized() throws Exception {
            long before = storedEvents();
            Delivery delivery = signed(customer(uniqueEmail("other")), now());
            String ts = delivery.timestamp();

            assertRefused(send(delivery.withSignature(sign("not-the-secret", ts, delivery.body()))), "Unauthorized");
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void aBodyChangedAfterSigningIsUnauthorized() throws Exception {
            long before = storedEvents();
            String email = uniqueEmail("tamper");
            Delivery delivery = signed(GeckoPayloads.customer(newCustomerId(), email, "nej"), now());
            byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8)
                    .replace("\"nej\"", "\"ja\"").getBytes(StandardCharsets.UTF_8);

            assertRefused(send(delivery.withBody(tampered)), "Unauthorized");
            assertThat(storedEvents()).isEqualTo(before);
            assertThat(memberRequests(email)).isEmpty();
        }

        @Test
        void aStaleTimestampIsRefused() throws Exception {
            long before = storedEvents();

            assertRefused(send(signed(customer(uniqueEmail("stale")), now() - 301)), STALE_OR_REPLAYED);
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void aFutureTimestampIsRefused() throws Exception {
            long before = storedEvents();
            // 301 s ahead of the second the hub reads, which may already be the next one when the request arrives
            long ahead = now() + 1 + 301;

            assertRefused(send(signed(customer(uniqueEmail("future")), ahead)), STALE_OR_REPLAYED);
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void aReplayOfAnAcceptedDeliveryIsRefusedAndStoresNothingNew() throws Exception {
            Delivery delivery = signed(customer(uniqueEmail("replay")), now());
            assertThat(send(delivery).statusCode()).isEqualTo(202);
            long before = storedEvents();

            assertRefused(send(delivery), STALE_OR_REPLAYED);
            assertRefused(send(delivery.withSignature("sha256=" + delivery.hex().toUpperCase(Locale.ROOT))),
                    STALE_OR_REPLAYED);
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void concurrentCopiesOfOneDeliveryAreAcceptedOnce() throws Exception {
            Delivery delivery = signed(customer(uniqueEmail("race")), now());
            long before = storedEvents();
            int copies = 6;
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                senders.add(() -> {
                    start.await();
                    return send(delivery).statusCode();
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(copies);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                senders.forEach(sender -> answers.add(pool.submit(sender)));
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }

                assertThat(statuses).containsOnlyOnce(202).containsOnly(202, 401);
            } finally {
                pool.shutdownNow();
            }
            assertThat(storedEvents()).isEqualTo(before + 1);
        }

        @Test
        void aMissingSignatureIsUnauthorized() throws Exception {
            Delivery delivery = signed(customer(uniqueEmail("nosig")), now());

            assertRefused(hub.post(HOOK, "application/json", delivery.body(), "X-Gecko-Timestamp", delivery.timestamp()),
                    "Unauthorized");
        }

        @Test
        void aMissingTimestampIsUnauthorized() throws Exception {
            Delivery delivery = signed(customer(uniqueEmail("nots")), now());

            assertRefused(hub.post(HOOK, "application/json", delivery.body(), "X-Gecko-Signature", delivery.signature()),
                    "Unauthorized");
        }

        @Test
        void noHeadersAtAllIsUnauthorized() throws Exception {
            long before = storedEvents();

            assertRefused(hub.postJson(HOOK, json.writeValueAsString(customer(uniqueEmail("bare")))), "Unauthorized");
            assertThat(storedEvents()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1.7e9", "17OOOOOOOO", "1700000000.5", "0x6553f100", "1234567890123"})
        void aMalformedTimestampIsUnauthorizedEvenWhenSignedOverIt(String timestamp) throws Exception {
            long before = storedEvents();
            byte[] body = json.writeValueAsBytes(customer(uniqueEmail("badts")));

            assertRefused(send(new Delivery(timestamp, sign(SECRET, timestamp, body), body)), "Unauthorized");
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void aDeliveryRefusedForItsPayloadDoesNotUseUpItsSignature() throws Exception {
            long before = storedEvents();
            Delivery invalid = signed(GeckoPayloads.customer(newCustomerId(), "not an e-mail", "ja"), now());
            Delivery wrongType = signed(customer(uniqueEmail("type")), now());

            for (int attempt = 0; attempt < 2; attempt++) {
                assertThat(send(invalid).statusCode()).as("invalid payload, attempt %d", attempt).isEqualTo(400);
                assertThat(hub.post(HOOK, "text/plain", wrongType.body(), wrongType.headers()).statusCode())
                        .as("wrong content type, attempt %d", attempt).isEqualTo(415);
            }
            assertThat(storedEvents()).isEqualTo(before);
            // the corrected sender's retry of the same signed bytes goes through
            assertThat(send(wrongType).statusCode()).isEqualTo(202);
        }

        @Test
        void onlyPostIsServed() {
            assertThat(hub.get(HOOK).statusCode()).isIn(404, 405);
        }
    }

    @Nested
    class Answers {

        @Test
        void noAnswerEchoesTheSignatureOrTheTimestamp() throws Exception {
            Delivery accepted = signed(customer(uniqueEmail("echo")), now() - 7);
            Delivery stale = signed(customer(uniqueEmail("echo-stale")), now() - 4_000);
            Delivery wrong = signed(customer(uniqueEmail("echo-wrong")), now() - 9)
                    .withSignature("sha256=" + "ab".repeat(32));

            Map<Delivery, List<HttpResponse<String>>> answers = Map.of(
                    accepted, List.of(send(accepted), send(accepted)),
                    stale, List.of(send(stale)),
                    wrong, List.of(send(wrong)));

            assertThat(answers.get(accepted)).extracting(HttpResponse::statusCode).containsExactly(202, 401);
            answers.forEach((delivery, responses) -> responses.forEach(response -> {
                String headers = response.headers().map().toString();
                assertThat(headers).doesNotContainIgnoringCase(delivery.hex()).doesNotContain(delivery.timestamp())
                        .doesNotContainIgnoringCase("x-gecko").doesNotContainIgnoringCase("signature");
                assertThat(response.body()).doesNotContainIgnoringCase(delivery.hex())
                        .doesNotContain(delivery.timestamp()).doesNotContain("CUSTOMER");
            }));
        }
    }

    /** Signed mode is optional: without a secret the endpoint still exists and refuses everything. */
    @Nested
    @TestPropertySource(properties = "hub.booking.signing-secret=")
    class WithoutASigningSecret {

        @LocalServerPort
        int blankSecretPort;

        @Autowired
        JdbcClient blankSecretJdbc;

        @Test
        void everyDeliveryIsUnauthorizedAndNothingIsStored() throws Exception {
            HubClient client = new HubClient(blankSecretPort);
            long before = blankSecretJdbc.sql("select count(*) from inbox_event").query(Long.class).single();
            byte[] body = json.writeValueAsBytes(customer(uniqueEmail("off")));
            String ts = String.valueOf(now());

            for (String secret : List.of(SECRET, "")) {
                String signature = secret.isEmpty() ? "sha256=" + "0".repeat(64) : sign(secret, ts, body);
                HttpResponse<String> response = client.post(HOOK, "application/json", body,
                        "X-Gecko-Timestamp", ts, "X-Gecko-Signature", signature);
                assertRefused(response, "Unauthorized");
            }
            assertThat(blankSecretJdbc.sql("select count(*) from inbox_event").query(Long.class).single())
                    .isEqualTo(before);
        }
    }
}
