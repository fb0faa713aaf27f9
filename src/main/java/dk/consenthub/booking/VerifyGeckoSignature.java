package dk.consenthub.booking;

import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.inbox.Webhooks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.SynchronizationRouteAware;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Authenticates the signed Gecko webhook {@code POST /webhooks/gecko}, for integrations that can sign:
 * {@code X-Gecko-Timestamp} (unix seconds) and {@code X-Gecko-Signature: sha256=<hex>}, the HMAC-SHA256 under
 * {@code hub.booking.signing-secret} of the timestamp, a dot and the raw body bytes.
 *
 * <p>Checks run cheapest first: both headers well-formed, the timestamp within {@code hub.booking.signature-window}
 * of the hub's clock either way (whole seconds; exactly the window is still inside), the signature (constant-time
 * compare), and last the replay guard, so only a correctly signed delivery is ever recorded as seen.
 *
 * <p>Answers, all 401 and never with a header value or the body: a missing or malformed header, a wrong signature
 * or a blank secret (signed mode off) are {@code Unauthorized} without detail, like a wrong token. A stale, future
 * or replayed delivery is titled {@code Stale or replayed delivery}, one title for the three and no detail: an
 * honest sender learns to look at its clock or its retries, an attacker learns nothing the public window does not
 * already say. A re-send of the same content under a new timestamp is a new signature and passes; the inbox then
 * answers it as the event it repeats.
 *
 * <p>The verified bytes become the body, so what is parsed next is exactly what was signed. The two headers are
 * removed. A delivery refused after this step (invalid payload, database down) is not stored, so its signature is
 * forgotten again before the answer goes out: the sender's identical retry is judged on its own, not as a replay.
 */
@Component("verifyGeckoSignature")
class VerifyGeckoSignature implements Processor {

    static final String TIMESTAMP_HEADER = "X-Gecko-Timestamp";
    static final String SIGNATURE_HEADER = "X-Gecko-Signature";
    static final String STALE_OR_REPLAYED = "Stale or replayed delivery";

    /** Unix seconds, digits only; twelve digits reach far beyond any sane clock and cannot overflow a long. */
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("sha256=([0-9a-fA-F]{64})");
    private static final HexFormat HEX = HexFormat.of();

    /** Null when no secret is configured: signed mode is off. */
    private final SecretKeySpec key;
    private final long windowSeconds;
    private final Clock clock;
    private final SeenSignatures seen;

    VerifyGeckoSignature(BookingProperties properties, Clock clock, SeenSignatures seen) {
        String secret = properties.signingSecret();
        this.key = secret == null || secret.isBlank() ? null
                : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.windowSeconds = properties.signatureWindow().toSeconds();
        this.clock = clock;
        this.seen = seen;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(Webhooks.SOURCE_PROPERTY, "gecko");
        Message in = exchange.getIn();
        String timestamp = in.getHeader(TIMESTAMP_HEADER, String.class);
        String signatureHeader = in.getHeader(SIGNATURE_HEADER, String.class);
        in.removeHeader(TIMESTAMP_HEADER);
        in.removeHeader(SIGNATURE_HEADER);

        if (key == null || timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) {
            throw RejectedRequestException.unauthorized();
        }
        byte[] signature = decode(signatureHeader);
        long signedAt = Long.parseLong(timestamp);
        if (Math.abs(clock.instant().getEpochSecond() - signedAt) > windowSeconds) {
            throw staleOrReplayed();
        }
        byte[] body = in.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        in.setBody(body);
        if (!MessageDigest.isEqual(sign(key, timestamp, body), signature)) {
            throw RejectedRequestException.unauthorized();
        }
        String seenAs = HEX.formatHex(signature);
        if (!seen.firstSighting(seenAs, Instant.ofEpochSecond(signedAt + windowSeconds))) {
            throw staleOrReplayed();
        }
        exchange.getExchangeExtension().addOnCompletion(new ForgetUnlessStored(seen, seenAs));
    }

    /** The 32 signature bytes of a {@code sha256=<hex>} header value; hex in either case. */
    static byte[] decode(String header) {
        Matcher matcher = header == null ? null : SIGNATURE.matcher(header);
        if (matcher == null || !matcher.matches()) {
            throw RejectedRequestException.unauthorized();
        }
        return HEX.parseHex(matcher.group(1));
    }

    /** HMAC-SHA256 of {@code timestamp + "." + body}, over the body's bytes as received. */
    static byte[] sign(SecretKeySpec key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    static RejectedRequestException staleOrReplayed() {
        return new RejectedRequestException(401, STALE_OR_REPLAYED, null, List.of());
    }

    /**
     * Runs when the delivery leaves the webhook route, after the error handler and before the answer is written: a
     * caught exception means nothing was stored, so the signature is released before the sender can retry.
     */
    static final class ForgetUnlessStored extends SynchronizationAdapter implements SynchronizationRouteAware {

        private final SeenSignatures seen;
        private final String signature;

        ForgetUnlessStored(SeenSignatures seen, String signature) {
            this.seen = seen;
            this.signature = signature;
        }

        @Override
        public SynchronizationRouteAware getRouteSynchronization() {
            // Camel only calls onAfterRoute on what this returns
            return this;
        }

        @Override
        public void onBeforeRoute(Route route, Exchange exchange) {
        }

        @Override
        public void onAfterRoute(Route route, Exchange exchange) {
            boolean leavingTheWebhookRoute = exchange.getFromRouteId() == null
                    || exchange.getFromRouteId().equals(route.getRouteId());
            if (leavingTheWebhookRoute && (exchange.isFailed() || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null)) {
                seen.forget(signature);
            }
        }

        @Override
        public boolean allowHandover() {
            // the release belongs to this delivery's route, not to an exchange it might be handed to
            return false;
        }
    }
}
