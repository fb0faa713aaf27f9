package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the tests of the signed Gecko webhook, {@code POST /webhooks/gecko}, share: deliveries signed the way a signing
 * sender signs them, sent to the hub, and the hub's answers judged.
 */
abstract class SignedGeckoDeliveries extends GeckoDeliveries {

    static final String SIGNED_HOOK = "/webhooks/gecko";
    static final String SECRET = "sandbox-gecko-signing-secret";
    static final String STALE_OR_REPLAYED = "Stale or replayed delivery";

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
        return hub.clock().instant().getEpochSecond();
    }

    Delivery signed(byte[] body, long timestamp) {
        String ts = String.valueOf(timestamp);
        return new Delivery(ts, sign(SECRET, ts, body), body);
    }

    Delivery signed(Map<String, Object> payload, long timestamp) throws Exception {
        return signed(json.writeValueAsBytes(payload), timestamp);
    }

    HttpResponse<String> send(Delivery delivery) {
        return hub.post(SIGNED_HOOK, "application/json", delivery.body(), delivery.headers());
    }

    Map<String, Object> customer(String email) {
        return GeckoPayloads.customer(TestIds.customerId(), email, "ja");
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
}
