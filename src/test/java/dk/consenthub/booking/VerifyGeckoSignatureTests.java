package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dk.consenthub.inbox.Webhooks;
import dk.consenthub.system.RejectedRequestException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signed Gecko webhook's signature and header checks, against a fixed clock and the real replay table: what the
 * signature covers, the secret, and how the two headers must be written.
 */
class VerifyGeckoSignatureTests extends SignedGeckoExchanges {

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
}
