package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.inbox.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.spi.SynchronizationRouteAware;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The signed Gecko webhook's checks, against a fixed clock and the real replay table (V3 on in-memory H2).
 */
class VerifyGeckoSignatureTests {

    static final String SECRET = "sandbox-gecko-signing-secret";
    static final long NOW = 1_700_000_000L;
    static final Duration WINDOW = Duration.ofSeconds(300);
    static final String BODY = "{\"CUSTOMERID\":\"42\",\"CUSTOMEREMAIL\":\"mette@example.dk\"}";
    /** openssl: printf '%s' '1700000000.<BODY>' | openssl dgst -sha256 -hmac sandbox-gecko-signing-secret */
    static final String OPENSSL_SIGNATURE = "e522623b2462b105d96f437aade7e23182f72fe4844c89d1d1e71766bdfda8ce";

    static final CamelContext CAMEL = new DefaultCamelContext();

    JdbcClient jdbc;

    @BeforeAll
    static void startCamel() {
        // started, so messages get Camel's case-insensitive headers as they do in the hub
        CAMEL.start();
    }

    @BeforeEach
    void freshReplayTable() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:seen-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V3__webhook_replay.sql")).execute(dataSource);
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void dropReplayTable() {
        jdbc.sql("shutdown").update();
    }

    @AfterAll
    static void closeCamel() throws Exception {
        CAMEL.close();
    }

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    VerifyGeckoSignature verifier(String secret, Clock clock) {
        BookingProperties properties = new BookingProperties("https://app.geckobooking.dk/api/v1", "api-token",
                "webhook-token", secret, WINDOW, false);
        return new VerifyGeckoSignature(properties, clock, new SeenSignatures(jdbc, clock));
    }

    VerifyGeckoSignature verifierAt(long epochSecond) {
        return verifier(SECRET, at(epochSecond));
    }

    /** Signs the way a sender would, independently of the code under test. */
    static String signature(String secret, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed));
    }

    static Exchange delivery(String timestamp, String signature, byte[] body) {
        Exchange exchange = new DefaultExchange(CAMEL);
        if (timestamp != null) {
            exchange.getIn().setHeader("X-Gecko-Timestamp", timestamp);
        }
        if (signature != null) {
            exchange.getIn().setHeader("X-Gecko-Signature", signature);
        }
        exchange.getIn().setBody(body);
        return exchange;
    }

    static Exchange signedDelivery(long timestamp, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return delivery(String.valueOf(timestamp), signature(SECRET, String.valueOf(timestamp), bytes), bytes);
    }

    static RejectedRequestException refusal(VerifyGeckoSignature verifier, Exchange exchange) {
        return catchThrowableOfType(RejectedRequestException.class, () -> verifier.process(exchange));
    }

    static void assertUnauthorized(RejectedRequestException refusal) {
        assertThat(refusal).isNotNull();
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.title()).isEqualTo("Unauthorized");
        assertThat(refusal.detail()).isNull();
        assertThat(refusal.fields()).isEmpty();
    }

    static void assertStaleOrReplayed(RejectedRequestException refusal) {
        assertThat(refusal).isNotNull();
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.title()).isEqualTo("Stale or replayed delivery");
        assertThat(refusal.detail()).isNull();
        assertThat(refusal.fields()).isEmpty();
    }

    long seenRows() {
        return jdbc.sql("select count(*) from seen_webhook_signature").query(Long.class).single();
    }

    @Nested
    class Signatures {

        @Test
        void aDeliverySignedOverTimestampDotRawBodyIsAccepted() {
            Exchange exchange = delivery(String.valueOf(NOW), "sha256=" + OPENSSL_SIGNATURE,
                    BODY.getBytes(StandardCharsets.UTF_8));

            assertThatCode(() -> verifierAt(NOW).process(exchange)).doesNotThrowAnyException();
        }

        @Test
        void upperCaseHexIsTheSameSignature() {
            Exchange exchange = delivery(String.valueOf(NOW), "sha256=" + OPENSSL_SIGNATURE.toUpperCase(Locale.ROOT),
                    BODY.getBytes(StandardCharsets.UTF_8));

            assertThatCode(() -> verifierAt(NOW).process(exchange)).doesNotThrowAnyException();
        }

        @Test
        void theComputationMatchesOpenssl() {
            byte[] mac = VerifyGeckoSignature.sign(
                    new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                    String.valueOf(NOW), BODY.getBytes(StandardCharsets.UTF_8));

            assertThat(HexFormat.of().formatHex(mac)).isEqualTo(OPENSSL_SIGNATURE);
        }

        @Test
        void theVerifiedBytesBecomeTheBodyAndTheSourceIsGecko() throws Exception {
            // not valid UTF-8 on purpose: the signature covers bytes, not a decoded text
            byte[] raw = {'{', ' ', (byte) 0xC3, (byte) 0xB8, (byte) 0xFF, ' ', '}'};
            Exchange exchange = delivery(String.valueOf(NOW), signature(SECRET, String.valueOf(NOW), raw), raw);

            verifierAt(NOW).process(exchange);

            assertThat(exchange.getIn().getBody()).isInstanceOf(byte[].class);
            assertThat(exchange.getIn().getBody(byte[].class)).containsExactly(raw);
            assertThat(exchange.getProperty(Webhooks.SOURCE_PROPERTY)).isEqualTo("gecko");
        }

        @Test
        void anEmptyBodyIsSignedLikeAnyOther() throws Exception {
            Exchange exchange = delivery(String.valueOf(NOW), signature(SECRET, String.valueOf(NOW), new byte[0]), null);

            assertThatCode(() -> verifierAt(NOW).process(exchange)).doesNotThrowAnyException();
        }

        @Test
        void aWrongSignatureIsUnauthorizedWithoutDetail() {
            Exchange exchange = delivery(String.valueOf(NOW), "sha256=" + "0".repeat(64),
                    BODY.getBytes(StandardCharsets.UTF_8));

            assertUnauthorized(refusal(verifierAt(NOW), exchange));
            assertThat(exchange.getProperty(Webhooks.SOURCE_PROPERTY)).isEqualTo("gecko");
        }

        @Test
        void oneChangedBodyByteIsUnauthorized() throws Exception {
            byte[] signed = BODY.getBytes(StandardCharsets.UTF_8);
            byte[] tampered = BODY.replace("42", "43").getBytes(StandardCharsets.UTF_8);
            Exchange exchange = delivery(String.valueOf(NOW), signature(SECRET, String.valueOf(NOW), signed), tampered);

            assertUnauthorized(refusal(verifierAt(NOW), exchange));
        }

        @Test
        void aSignatureOverAnotherTimestampIsUnauthorized() throws Exception {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            Exchange exchange = delivery(String.valueOf(NOW), signature(SECRET, String.valueOf(NOW - 1), body), body);

            assertUnauthorized(refusal(verifierAt(NOW), exchange));
        }

        @Test
        void aSignatureUnderAnotherSecretIsUnauthorized() throws Exception {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            Exchange exchange = delivery(String.valueOf(NOW), signature("another-secret", String.valueOf(NOW), body), body);

            assertUnauthorized(refusal(verifierAt(NOW), exchange));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " "})
        void aBlankSecretRefusesEveryDelivery(String secret) throws Exception {
            assertUnauthorized(refusal(verifier(secret, at(NOW)), signedDelivery(NOW, BODY)));
            assertThat(seenRows()).isZero();
        }

        @Test
        void noSecretAtAllRefusesEveryDelivery() throws Exception {
            assertUnauthorized(refusal(verifier(null, at(NOW)), signedDelivery(NOW, BODY)));
        }
    }

    @Nested
    class Headers {

        @Test
        void aMissingSignatureIsUnauthorized() {
            assertUnauthorized(refusal(verifierAt(NOW), delivery(String.valueOf(NOW), null, BODY.getBytes())));
        }

        @Test
        void aMissingTimestampIsUnauthorized() throws Exception {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            assertUnauthorized(refusal(verifierAt(NOW), delivery(null, signature(SECRET, "", body), body)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-1700000000", "+1700000000", "1700000000.5", "1.7e9", " 1700000000",
                "1700000000 ", "17OOOOOOOO", "0x6553f100", "1234567890123", "١٧٠٠٠٠٠٠٠٠"})
        void aMalformedTimestampIsUnauthorizedEvenWhenSigned(String timestamp) throws Exception {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            RejectedRequestException refusal = refusal(verifierAt(NOW),
                    delivery(timestamp, signature(SECRET, timestamp, body), body));

            assertUnauthorized(refusal);
            assertThat(seenRows()).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "sha256=", "e522623b2462b105d96f437aade7e23182f72fe4844c89d1d1e71766bdfda8ce",
                "sha256=e522623b2462b105d96f437aade7e23182f72fe4844c89d1d1e71766bdfda8c",
                "sha256=e522623b2462b105d96f437aade7e23182f72fe4844c89d1d1e71766bdfda8ce0",
                "sha256=e522623b2462b105d96f437aade7e23182f72fe4844c89d1d1e71766bdfda8cg",
                "sha1=e522623b2462b105d96f437aade7e23182f72fe4844c89d1d1e71766bdfda8ce",
                "sha256=e522623b2462b105d96f437aade7e23182f72fe4844c89d1d1e71766bdfda8ce ",
                "sha256=e522623b2462b105d96f437aade7e23182f72fe4844c89d1d1e71766bdfda8ce,sha256=00",
                "sha256=ZTUyMjYyM2IyNDYyYjEwNWQ5NmY0MzdhYWRlN2UyMzE4MmY3MmZlNDg0NGM4OWQx"})
        void aMalformedSignatureHeaderIsUnauthorized(String header) {
            Exchange exchange = delivery(String.valueOf(NOW), header, BODY.getBytes(StandardCharsets.UTF_8));

            assertUnauthorized(refusal(verifierAt(NOW), exchange));
        }

        @Test
        void bothHeadersAreRemovedWhetherAcceptedOrRefused() throws Exception {
            Exchange accepted = signedDelivery(NOW, BODY);
            Exchange refused = delivery(String.valueOf(NOW), "sha256=" + "1".repeat(64), BODY.getBytes());

            verifierAt(NOW).process(accepted);
            refusal(verifierAt(NOW), refused);

            for (Exchange exchange : new Exchange[] {accepted, refused}) {
                assertThat(exchange.getIn().getHeaders()).doesNotContainKeys("X-Gecko-Signature", "X-Gecko-Timestamp",
                        "x-gecko-signature", "x-gecko-timestamp");
            }
        }

        @Test
        void headerNamesAreCaseInsensitive() throws Exception {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            Exchange exchange = new DefaultExchange(CAMEL);
            exchange.getIn().setHeader("x-gecko-timestamp", String.valueOf(NOW));
            exchange.getIn().setHeader("x-gecko-signature", signature(SECRET, String.valueOf(NOW), body));
            exchange.getIn().setBody(body);

            assertThatCode(() -> verifierAt(NOW).process(exchange)).doesNotThrowAnyException();
            assertThat(exchange.getIn().getHeaders()).isEmpty();
        }

        @Test
        void aRefusalNeverCarriesTheHeaderValues() {
            String header = "sha256=" + "ab".repeat(32);
            RejectedRequestException refusal = refusal(verifierAt(NOW),
                    delivery(String.valueOf(NOW), header, BODY.getBytes()));

            assertThat(String.valueOf(refusal.getMessage()) + refusal.title() + refusal.fields())
                    .doesNotContain("abab").doesNotContain(String.valueOf(NOW)).doesNotContain("42");
        }
    }

    @Nested
    class Window {

        @ParameterizedTest
        @ValueSource(longs = {0, -1, 1, -299, 299, -300, 300})
        void aTimestampUpToTheWindowAwayEitherWayIsAccepted(long offset) throws Exception {
            Exchange exchange = signedDelivery(NOW + offset, BODY);

            assertThatCode(() -> verifierAt(NOW).process(exchange)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(longs = {-301, 301, -86_400, 86_400, -NOW})
        void aTimestampBeyondTheWindowIsStaleOrFuture(long offset) throws Exception {
            RejectedRequestException refusal = refusal(verifierAt(NOW), signedDelivery(NOW + offset, BODY));

            assertStaleOrReplayed(refusal);
            assertThat(seenRows()).isZero();
        }

        @Test
        void theWindowIsCountedInWholeSeconds() throws Exception {
            Clock justBeforeTheNextSecond = Clock.fixed(Instant.ofEpochSecond(NOW, 999_999_999), ZoneOffset.UTC);

            assertThatCode(() -> verifier(SECRET, justBeforeTheNextSecond).process(signedDelivery(NOW - 300, BODY)))
                    .doesNotThrowAnyException();
        }

        @Test
        void theWindowIsCheckedBeforeTheSignature() {
            Exchange staleAndWrong = delivery(String.valueOf(NOW - 301), "sha256=" + "0".repeat(64), BODY.getBytes());

            assertStaleOrReplayed(refusal(verifierAt(NOW), staleAndWrong));
        }

        @Test
        void theWindowComesFromTheSettings() throws Exception {
            BookingProperties oneMinute = new BookingProperties("https://app.geckobooking.dk/api/v1", "api-token",
                    "webhook-token", SECRET, Duration.ofSeconds(60), false);
            VerifyGeckoSignature verifier = new VerifyGeckoSignature(oneMinute, at(NOW),
                    new SeenSignatures(jdbc, at(NOW)));

            assertThatCode(() -> verifier.process(signedDelivery(NOW - 60, BODY))).doesNotThrowAnyException();
            assertStaleOrReplayed(refusal(verifier, signedDelivery(NOW - 61, BODY)));
        }
    }

    @Nested
    class Replays {

        @Test
        void theSameDeliveryAgainIsRefusedAsReplayed() throws Exception {
            verifierAt(NOW).process(signedDelivery(NOW, BODY));

            assertStaleOrReplayed(refusal(verifierAt(NOW + 10), signedDelivery(NOW, BODY)));
        }

        @Test
        void theSameSignatureInUpperCaseIsStillAReplay() throws Exception {
            verifierAt(NOW).process(signedDelivery(NOW, BODY));
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            String upper = "sha256=" + signature(SECRET, String.valueOf(NOW), body).substring(7).toUpperCase(Locale.ROOT);

            assertStaleOrReplayed(refusal(verifierAt(NOW), delivery(String.valueOf(NOW), upper, body)));
        }

        @Test
        void theSameContentUnderANewTimestampIsANewSignature() throws Exception {
            verifierAt(NOW).process(signedDelivery(NOW, BODY));

            assertThatCode(() -> verifierAt(NOW + 1).process(signedDelivery(NOW + 1, BODY))).doesNotThrowAnyException();
            assertThat(seenRows()).isEqualTo(2);
        }

        @Test
        void onlyCorrectlySignedDeliveriesAreRecorded() throws Exception {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 5; i++) {
                refusal(verifierAt(NOW), delivery(String.valueOf(NOW), "sha256=" + String.valueOf(i).repeat(64), body));
            }
            refusal(verifierAt(NOW), signedDelivery(NOW - 301, BODY));

            assertThat(seenRows()).isZero();
            assertThatCode(() -> verifierAt(NOW).process(signedDelivery(NOW, BODY))).doesNotThrowAnyException();
            assertThat(seenRows()).isOne();
        }

        @Test
        void aSignatureIsKeptUntilItsTimestampLeavesTheWindowNotTheWindowAfterItWasSeen() throws Exception {
            // signed 300 s ahead: still inside the window until NOW + 600
            verifierAt(NOW).process(signedDelivery(NOW + 300, BODY));
            // a purge runs on the next sighting, long enough after the first for a seen-at based purge to drop it
            verifierAt(NOW + 590).process(signedDelivery(NOW + 590, "{\"other\":1}"));

            assertStaleOrReplayed(refusal(verifierAt(NOW + 590), signedDelivery(NOW + 300, BODY)));
        }

        @Test
        void expiredSignaturesArePurged() throws Exception {
            verifierAt(NOW).process(signedDelivery(NOW, BODY));
            verifierAt(NOW).process(signedDelivery(NOW + 1, BODY));
            long later = NOW + WINDOW.toSeconds() + 1 + SeenSignatures.CLOCK_SKEW.toSeconds() + 1;

            verifierAt(later).process(signedDelivery(later, BODY));

            assertThat(seenRows()).isOne();
        }
    }

    @Nested
    class ADeliveryRefusedAfterVerification {

        static final String ROUTE_ID = "booking-webhook-signed";

        Route route(String id) {
            Route route = mock(Route.class);
            when(route.getRouteId()).thenReturn(id);
            return route;
        }

        Exchange verified() throws Exception {
            Exchange exchange = signedDelivery(NOW, BODY);
            exchange.getExchangeExtension().setFromRouteId(ROUTE_ID);
            verifierAt(NOW).process(exchange);
            return exchange;
        }

        void leaveRoute(Exchange exchange, String routeId) {
            for (Synchronization synchronization : exchange.getExchangeExtension().handoverCompletions()) {
                SynchronizationRouteAware routeAware = synchronization.getRouteSynchronization();
                assertThat(routeAware).as("route-aware synchronization").isNotNull();
                routeAware.onAfterRoute(route(routeId), exchange);
                exchange.getExchangeExtension().addOnCompletion(synchronization);
            }
        }

        @Test
        void forgetsItsSignatureSoAnIdenticalRetryIsJudgedOnItsOwn() throws Exception {
            Exchange exchange = verified();
            // what the webhook-errors handler leaves behind when a later step refuses the delivery
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("database down"));

            leaveRoute(exchange, ROUTE_ID);

            assertThat(seenRows()).isZero();
            assertThatCode(() -> verifierAt(NOW).process(signedDelivery(NOW, BODY))).doesNotThrowAnyException();
        }

        @Test
        void aStoredDeliveryKeepsItsSignature() throws Exception {
            Exchange exchange = verified();

            leaveRoute(exchange, ROUTE_ID);

            assertThat(seenRows()).isOne();
            assertStaleOrReplayed(refusal(verifierAt(NOW), signedDelivery(NOW, BODY)));
        }

        @Test
        void leavingAnotherRouteOnTheWayReleasesNothing() throws Exception {
            Exchange exchange = verified();
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("handled elsewhere"));

            leaveRoute(exchange, "some-inner-route");

            assertThat(seenRows()).isOne();
        }
    }
}
