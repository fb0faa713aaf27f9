package dk.consenthub.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@HubIntegrationTest
class BookingWebhookIntegrationTests extends GeckoDeliveries {

    JsonNode body(LoggedRequest request) throws Exception {
        return json.readTree(request.getBodyAsString());
    }

    @Nested
    class AcceptedDeliveries {

        @Test
        void grantUpsertsTheMemberOnceWithItsHashAndStatusIfNew() throws Exception {
            String email = TestIds.email("Mette.Hansen");
            HttpResponse<String> response = send(GeckoPayloads.customer(TestIds.customerId(), email, "ja"));

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(json.readTree(response.body()).path("eventId").asText()).isNotBlank();
            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            LoggedRequest put = memberRequests(email).get(0);
            assertThat(put.getMethod().getName()).isEqualTo("PUT");
            assertThat(put.getUrl()).endsWith("/members/" + MailchimpMembers.subscriberHash(email.toLowerCase()));
            JsonNode sent = body(put);
            assertThat(sent.path("email_address").asText()).isEqualTo(email);
            assertThat(sent.path("status_if_new").asText()).isEqualTo("subscribed");
            assertThat(sent.has("status")).isFalse();
            assertThat(put.getHeader("Authorization")).startsWith("Basic ");
        }

        @Test
        void theAnswerCarriesTheSecurityHeadersAndNothingOfASession() throws Exception {
            HttpResponse<String> response = send(GeckoPayloads.customer(TestIds.customerId(), TestIds.email("hdr"), "ja"));

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'");
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }

        @Test
        void anotherMethodIsRefusedWithAProblemThatNamesTheAllowedOne() {
            HttpResponse<String> response = hub.get("/webhooks/gecko/sandbox-gecko-webhook-token");

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("POST");
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).doesNotContain("sandbox-gecko-webhook-token");
        }

        @Test
        void withdrawalUnsubscribesTheMember() throws Exception {
            String email = TestIds.email("ole");
            assertThat(send(GeckoPayloads.customer(TestIds.customerId(), email, "nej")).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            LoggedRequest request = memberRequests(email).get(0);
            assertThat(request.getMethod().getName()).isEqualTo("PATCH");
            assertThat(body(request).path("status").asText()).isEqualTo("unsubscribed");
        }

        @Test
        void aRepeatedDeliveryAnswersTheSameEventAndIsProcessedOnce() throws Exception {
            String email = TestIds.email("dup");
            Map<String, Object> payload = GeckoPayloads.customer(TestIds.customerId(), email, "1");
            HttpResponse<String> first = send(payload);
            HttpResponse<String> again = send(payload);

            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json.readTree(again.body()).path("eventId").asText())
                    .isEqualTo(json.readTree(first.body()).path("eventId").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() >= 1);
            String eventId = json.readTree(first.body()).path("eventId").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.DONE);
            assertThat(memberRequests(email)).hasSize(1);
        }

        @Test
        void theSameContentAfterAChangeIsANewEvent() throws Exception {
            String id = TestIds.customerId();
            String email = TestIds.email("flip");
            String grant = json.readTree(send(GeckoPayloads.customer(id, email, true)).body()).path("eventId").asText();
            String withdraw = json.readTree(send(GeckoPayloads.customer(id, email, false)).body()).path("eventId").asText();
            String grantAgain = json.readTree(send(GeckoPayloads.customer(id, email, true)).body()).path("eventId").asText();

            assertThat(List.of(grant, withdraw, grantAgain)).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 3);
            assertThat(memberRequests(email)).extracting(r -> r.getMethod().getName())
                    .containsExactly("PUT", "PATCH", "PUT");
        }

        @ParameterizedTest
        @CsvSource({"true,PUT", "false,PATCH", "1,PUT", "0,PATCH", "ja,PUT", "nej,PATCH", "Ja,PUT", "NEJ,PATCH"})
        void acceptsTheUsualFlagSpellings(String flag, String expectedMethod) throws Exception {
            String email = TestIds.email("flag");
            assertThat(send(GeckoPayloads.customer(TestIds.customerId(), email, flag)).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            assertThat(memberRequests(email).get(0).getMethod().getName()).isEqualTo(expectedMethod);
        }

        @Test
        void storesThePayloadEncrypted() throws Exception {
            String email = TestIds.email("sealed");
            String eventId = json.readTree(send(GeckoPayloads.customer(TestIds.customerId(), email, "ja")).body())
                    .path("eventId").asText();

            byte[] stored = jdbc.sql("select payload from inbox_event where id = :id").param("id", eventId)
                    .query(byte[].class).single();
            String keyId = jdbc.sql("select key_id from inbox_event where id = :id").param("id", eventId)
                    .query(String.class).single();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(email).doesNotContain("Mette");
            assertThat(keyId).isEqualTo("sandbox-1");
        }
    }

    @Nested
    class PrivacyOnTheWayOut {

        @Test
        void aNoteWithCprAndHealthTextNeverReachesMailchimp() throws Exception {
            String email = TestIds.email("note");
            Map<String, Object> payload = GeckoPayloads.customer(TestIds.customerId(), email, "ja");
            payload.put("CUSTOMERIMPORTANTNOTE", "CPR 010190-1234. Allergisk over for lidokain. Diagnose: rosacea");
            payload.put("CUSTOMERNOTE", "Botox 20 enheder pande; cpr 2203851234");
            payload.put("CUSTOMERBIRTHDAY", "1990-01-01");
            assertThat(send(payload).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).until(() -> memberRequests(email).size() == 1);
            String everything = Journal.everything(memberRequests(email).get(0));
            assertThat(everything).doesNotContain("010190", "2203851234", "lidokain", "rosacea", "Botox", "1990-01-01");
            assertThat(body(memberRequests(email).get(0)).fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("email_address", "status_if_new", "merge_fields");
        }
    }

    @Nested
    class Retries {

        @Test
        void mailchimpFailingTwiceThenRecoveringGetsExactlyOneSuccessfulPut() throws Exception {
            String email = TestIds.email("flaky");
            String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
            String scenario = "flaky-" + email;
            hub.mailchimp().stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(STARTED).willSetStateTo("failed-once")
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Service Unavailable\",\"status\":503}")));
            hub.mailchimp().stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs("failed-once").willSetStateTo("recovered")
                    .willReturn(aResponse().withStatus(503)));

            String eventId = json.readTree(send(GeckoPayloads.customer(TestIds.customerId(), email, "ja")).body())
                    .path("eventId").asText();

            await().atMost(Duration.ofSeconds(15)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.DONE);
            List<Integer> statuses = hub.mailchimp().getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().equals(path))
                    .map(e -> e.getResponse().getStatus()).toList();
            assertThat(statuses).containsExactlyInAnyOrder(503, 503, 200);
        }

        @Test
        void anOutageLongerThanTheInFlightRetriesPutsTheEventBackInLine() throws Exception {
            String email = TestIds.email("outage");
            String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
            hub.mailchimp().stubFor(put(urlPathEqualTo(path)).atPriority(1)
                    .willReturn(aResponse().withStatus(503)));

            String eventId = json.readTree(send(GeckoPayloads.customer(TestIds.customerId(), email, "ja")).body())
                    .path("eventId").asText();

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select attempts from inbox_event where id = :id").param("id", eventId).query(Integer.class).single() >= 2);
            assertThat(inbox.status(eventId)).hasValueSatisfying(s -> assertThat(s).isNotEqualTo(InboxStore.Status.FAILED));
            String error = jdbc.sql("select last_error from inbox_event where id = :id").param("id", eventId)
                    .query(String.class).single();
            assertThat(error).contains("HTTP_503").doesNotContain(email);
            // 1 + max-redeliveries (4) requests per dispatch attempt
            assertThat(Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(path)).size()).isGreaterThanOrEqualTo(5);
        }

        @Test
        void aComplianceStateIsTerminalAndNotRetried() throws Exception {
            String email = "compliance.state@example.com";
            String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
            int before = Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(path)).size();

            String eventId = json.readTree(send(GeckoPayloads.customer(TestIds.customerId(), email, "ja")).body())
                    .path("eventId").asText();

            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.FAILED);
            assertThat(Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(path))).hasSize(before + 1);
            assertThat(jdbc.sql("select last_error from inbox_event where id = :id").param("id", eventId)
                    .query(String.class).single()).contains("COMPLIANCE_STATE").doesNotContain(email);
        }
    }
}
