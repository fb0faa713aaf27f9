package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The signed Gecko webhook, {@code POST /webhooks/gecko}, through the whole hub: signature, window and replay. */
@HubIntegrationTest
class SignedGeckoWebhookIntegrationTests extends SignedGeckoDeliveries {

    @Nested
    class AcceptedDeliveries {

        @Test
        void aCorrectlySignedDeliveryIsAcceptedAndReachesMailchimp() throws Exception {
            String email = TestIds.email("Signe.Hansen");
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
            HttpResponse<String> response = send(signed(customer(TestIds.email("edge")), now() + offset));

            assertThat(response.statusCode()).isEqualTo(202);
        }

        @Test
        void theBodyIsVerifiedByteForByteAsSent() {
            // hand-written JSON with odd spacing and non-ASCII: a re-serialized body would not match the signature
            String id = TestIds.customerId();
            String email = TestIds.email("soeren");
            byte[] body = ("{ \"CUSTOMERID\" : \"" + id + "\",\n\t\"CUSTOMERFIRSTNAME\":\"Søren\",  \"CUSTOMEREMAIL\": \""
                    + email + "\", \"CUSTOMERACCEPTSMARKETINGEMAIL\" : \"ja\" }\n").getBytes(StandardCharsets.UTF_8);

            assertThat(send(signed(body, now())).statusCode()).isEqualTo(202);
        }

        @Test
        void theSameContentSignedUnderANewTimestampAnswersTheSameEvent() throws Exception {
            String email = TestIds.email("resend");
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
    class Answers {

        @Test
        void noAnswerEchoesTheSignatureOrTheTimestamp() throws Exception {
            Delivery accepted = signed(customer(TestIds.email("echo")), now() - 7);
            Delivery stale = signed(customer(TestIds.email("echo-stale")), now() - 4_000);
            Delivery wrong = signed(customer(TestIds.email("echo-wrong")), now() - 9)
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

        @Autowired
        Hub blankSecretHub;

        @Autowired
        JdbcClient blankSecretJdbc;

        @Test
        void everyDeliveryIsUnauthorizedAndNothingIsStored() throws Exception {
            HubClient client = blankSecretHub.client();
            long before = blankSecretJdbc.sql("select count(*) from inbox_event").query(Long.class).single();
            byte[] body = json.writeValueAsBytes(customer(TestIds.email("off")));
            String ts = String.valueOf(now());

            for (String secret : List.of(SECRET, "")) {
                String signature = secret.isEmpty() ? "sha256=" + "0".repeat(64) : sign(secret, ts, body);
                HttpResponse<String> response = client.post(SIGNED_HOOK, "application/json", body,
                        "X-Gecko-Timestamp", ts, "X-Gecko-Signature", signature);
                assertRefused(response, "Unauthorized");
            }
            assertThat(blankSecretJdbc.sql("select count(*) from inbox_event").query(Long.class).single())
                    .isEqualTo(before);
        }
    }
}
