package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed Gecko deliveries the hub refuses: a wrong or missing signature, a timestamp out of the window, a replay. */
@HubIntegrationTest
class SignedGeckoWebhookRefusalIntegrationTests extends SignedGeckoDeliveries {

    @Test
    void aWrongSignatureIsUnauthorizedWithoutDetailAndStoresNothing() throws Exception {
        long before = storedEvents();
        Delivery delivery = signed(customer(TestIds.email("wrong")), now());

        HttpResponse<String> response = send(delivery.withSignature("sha256=" + "0".repeat(64)));

        assertRefused(response, "Unauthorized");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aSignatureUnderAnotherSecretIsUnauthorized() throws Exception {
        long before = storedEvents();
        Delivery delivery = signed(customer(TestIds.email("other")), now());
        String ts = delivery.timestamp();

        assertRefused(send(delivery.withSignature(sign("not-the-secret", ts, delivery.body()))), "Unauthorized");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBodyChangedAfterSigningIsUnauthorized() throws Exception {
        long before = storedEvents();
        String email = TestIds.email("tamper");
        Delivery delivery = signed(GeckoPayloads.customer(TestIds.customerId(), email, "nej"), now());
        byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8)
                .replace("\"nej\"", "\"ja\"").getBytes(StandardCharsets.UTF_8);

        assertRefused(send(delivery.withBody(tampered)), "Unauthorized");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(memberRequests(email)).isEmpty();
    }

    @Test
    void aStaleTimestampIsRefused() throws Exception {
        long before = storedEvents();

        assertRefused(send(signed(customer(TestIds.email("stale")), now() - 301)), STALE_OR_REPLAYED);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aFutureTimestampIsRefused() throws Exception {
        long before = storedEvents();
        // 301 s ahead of the second the hub reads, which may already be the next one when the request arrives
        long ahead = now() + 1 + 301;

        assertRefused(send(signed(customer(TestIds.email("future")), ahead)), STALE_OR_REPLAYED);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aReplayOfAnAcceptedDeliveryIsRefusedAndStoresNothingNew() throws Exception {
        Delivery delivery = signed(customer(TestIds.email("replay")), now());
        assertThat(send(delivery).statusCode()).isEqualTo(202);
        long before = storedEvents();

        assertRefused(send(delivery), STALE_OR_REPLAYED);
        assertRefused(send(delivery.withSignature("sha256=" + delivery.hex().toUpperCase(Locale.ROOT))),
                STALE_OR_REPLAYED);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void concurrentCopiesOfOneDeliveryAreAcceptedOnce() throws Exception {
        Delivery delivery = signed(customer(TestIds.email("race")), now());
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
        Delivery delivery = signed(customer(TestIds.email("nosig")), now());

        assertRefused(hub.post(SIGNED_HOOK, "application/json", delivery.body(), "X-Gecko-Timestamp", delivery.timestamp()),
                "Unauthorized");
    }

    @Test
    void aMissingTimestampIsUnauthorized() throws Exception {
        Delivery delivery = signed(customer(TestIds.email("nots")), now());

        assertRefused(hub.post(SIGNED_HOOK, "application/json", delivery.body(), "X-Gecko-Signature", delivery.signature()),
                "Unauthorized");
    }

    @Test
    void noHeadersAtAllIsUnauthorized() throws Exception {
        long before = storedEvents();

        assertRefused(hub.postJson(SIGNED_HOOK, json.writeValueAsString(customer(TestIds.email("bare")))),
                "Unauthorized");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.7e9", "17OOOOOOOO", "1700000000.5", "0x6553f100", "1234567890123"})
    void aMalformedTimestampIsUnauthorizedEvenWhenSignedOverIt(String timestamp) throws Exception {
        long before = storedEvents();
        byte[] body = json.writeValueAsBytes(customer(TestIds.email("badts")));

        assertRefused(send(new Delivery(timestamp, sign(SECRET, timestamp, body), body)), "Unauthorized");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aDeliveryRefusedForItsPayloadDoesNotUseUpItsSignature() throws Exception {
        long before = storedEvents();
        Delivery invalid = signed(GeckoPayloads.customer(TestIds.customerId(), "not an e-mail", "ja"), now());
        Delivery wrongType = signed(customer(TestIds.email("type")), now());

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(send(invalid).statusCode()).as("invalid payload, attempt %d", attempt).isEqualTo(400);
            assertThat(hub.post(SIGNED_HOOK, "text/plain", wrongType.body(), wrongType.headers()).statusCode())
                    .as("wrong content type, attempt %d", attempt).isEqualTo(415);
        }
        assertThat(storedEvents()).isEqualTo(before);
        // the corrected sender's retry of the same signed bytes goes through
        assertThat(send(wrongType).statusCode()).isEqualTo(202);
    }

    @Test
    void onlyPostIsServed() {
        assertThat(hub.get(SIGNED_HOOK).statusCode()).isIn(404, 405);
    }
}
