package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.consenthub.system.RejectedRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * What the tests of {@link VerifyGeckoSignature} share: a verifier on a fixed clock over the real replay table (V3 on
 * in-memory H2, fresh for each test), deliveries as Camel exchanges signed the way a sender signs them, and the
 * refusals judged. It holds no tests.
 */
abstract class SignedGeckoExchanges {

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
        assertRefused(refusal, "Unauthorized");
    }

    static void assertStaleOrReplayed(RejectedRequestException refusal) {
        assertRefused(refusal, "Stale or replayed delivery");
    }

    /** A 401 with the title alone: no detail and no fields that could echo what was sent. */
    private static void assertRefused(RejectedRequestException refusal, String title) {
        assertThat(refusal).isNotNull();
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.title()).isEqualTo(title);
        assertThat(refusal.detail()).isNull();
        assertThat(refusal.fields()).isEmpty();
    }

    long seenRows() {
        return jdbc.sql("select count(*) from seen_webhook_signature").query(Long.class).single();
    }
}
