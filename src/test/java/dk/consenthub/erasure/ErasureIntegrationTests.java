package dk.consenthub.erasure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.consent.Suppressions;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasure against the sandboxes, from request to receipt: what left for each system (WireMock's journal), what the
 * receipt says, the deadline warnings, and the requests refused.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErasureIntegrationTests extends RequestedErasures {

    @Autowired
    Suppressions suppressions;

    @Autowired
    ErasureDeadlines deadlines;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fullErasureFromRequestToReceipt() throws Exception {
        String customerId = TestIds.customerId();
        String email = "slet.mig." + customerId + "@example.dk";
        StubMapping inGecko = hub.gecko().stubFor(get(urlPathEqualTo("/api/v1/customer/" + customerId)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"customerId\":" + customerId + ",\"status\":\"active\"}")));
        geckoWebhook(GeckoPayloads.customer(customerId, email, "ja"));
        assertThat(memberRequests(email)).as("subscribed before the erasure").hasSize(1);

        HttpResponse<String> requested = hub.postJson("/admin/erasures",
                "{\"geckoCustomerId\":\"" + customerId + "\",\"reason\":\"subject-request\"}", "Authorization", ADMIN);
        assertThat(requested.statusCode()).isEqualTo(202);
        String caseId = json.readTree(requested.body()).path("caseId").asText();
        assertThat(requested.headers().firstValue("Location")).hasValue("/admin/erasures/" + caseId);

        HttpResponse<String> again = hub.postJson("/admin/erasures",
                "{\"email\":\"" + email + "\",\"reason\":\"subject-request\"}", "Authorization", ADMIN);
        assertThat(again.statusCode()).as("the same person while the case is open").isEqualTo(200);
        assertThat(json.readTree(again.body()).path("caseId").asText()).isEqualTo(caseId);

        JsonNode partial = awaitReceipt(caseId, r -> task(r, "gecko").path("status").asText().equals("MANUAL")
                && task(r, "mailchimp").path("status").asText().equals("DONE")
                && task(r, "google").path("status").asText().equals("DONE")
                && task(r, "hub").path("status").asText().equals("DONE"));
        assertThat(partial.path("status").asText()).isEqualTo("PARTIAL");
        assertThat(task(partial, "gecko").path("outcome").asText()).contains("back office");
        assertThat(task(partial, "google").path("externalReference").asText())
                .as("Google's deletionRequestTime").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        String hash = MailchimpMembers.subscriberHash(email);
        assertThat(Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(
                "/3.0/lists/a1b2c3d4e5/members/" + hash + "/actions/delete-permanent")))
                .singleElement().satisfies(r -> assertThat(r.getMethod().getName()).isEqualTo("POST"));
        assertThat(Journal.requests(hub.mailchimp(), r -> r.getMethod().getName().equals("DELETE")))
                .as("archive is never erasure").isEmpty();
        List<LoggedRequest> deletions = Journal.requests(hub.google(), r -> r.getUrl().contains(":submitUserDeletion")
                && r.getBodyAsString().contains(email));
        assertThat(deletions).singleElement().satisfies(r -> {
            assertThat(r.getUrl()).isEqualTo("/v1alpha/properties/123456789:submitUserDeletion");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer sandbox-access-token");
            assertThat(json.readTree(r.getBodyAsString())).isEqualTo(json.readTree("{\"userProvidedData\":\"" + email + "\"}"));
        });
        assertThat(Journal.requests(hub.google(), r -> r.getUrl().equals("/token"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")
                        .contains("assertion="));

        // staff delete the customer in Gecko; the next check finds them gone and closes the case
        hub.gecko().removeStub(inGecko);
        hub.clock().advance(Duration.ofHours(2));
        JsonNode completed = awaitReceipt(caseId, r -> r.path("status").asText().equals("COMPLETED"));
        assertThat(task(completed, "gecko").path("outcome").asText()).contains("no longer in Gecko");
        assertThat(completed.path("completedAt").isNull()).isFalse();
        assertThat(completed.path("subjectRef").asText()).startsWith("subject-");
        assertThat(completed.path("kept").findValuesAsText("item")).contains("patient journal");
        String receiptText = hub.get("/admin/erasures/" + caseId, "Authorization", ADMIN).body();
        assertThat(receiptText).doesNotContain(email).doesNotContain(customerId);
        assertThat(jdbc.sql("select count(*) from erasure_case where id = :id and email is null and gecko_customer_id is null")
                .param("id", caseId).query(Integer.class).single()).as("identifiers wiped").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from subject where gecko_customer_id = :c").param("c", customerId)
                .query(Integer.class).single()).isZero();

        // the customer comes back through Gecko still saying "yes": not re-imported
        hub.clock().reset();
        geckoWebhook(GeckoPayloads.customer(TestIds.customerId(), email, "ja"));
        assertThat(memberRequests(email)).as("no PUT after the erasure").hasSize(1);
        assertThat(suppressions.contains(email)).isTrue();

        // the person signs up again themselves in Mailchimp: suppression lifted
        mailchimpWebhook("subscribe", email);
        assertThat(suppressions.contains(email)).isFalse();
    }

    @Test
    void casesNearTheirDeadlineAreWarnedAboutOnceADayAndCounted(CapturedOutput output) throws Exception {
        String customerId = TestIds.customerId();
        hub.gecko().stubFor(get(urlPathEqualTo("/api/v1/customer/" + customerId)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"customerId\":" + customerId + ",\"status\":\"active\"}")));
        geckoWebhook(GeckoPayloads.customer(customerId, "frist." + customerId + "@example.dk", "nej"));
        HttpResponse<String> requested = hub.postJson("/admin/erasures",
                "{\"geckoCustomerId\":\"" + customerId + "\",\"reason\":\"objection\"}", "Authorization", ADMIN);
        String caseId = json.readTree(requested.body()).path("caseId").asText();
        awaitReceipt(caseId, r -> task(r, "gecko").path("status").asText().equals("MANUAL"));
        assertThat(deadlines.warn()).as("30 days to go: no warning").isZero();

        hub.clock().advance(Duration.ofDays(26));
        assertThat(deadlines.warn()).isGreaterThanOrEqualTo(1);
        assertThat(deadlines.warn()).as("once a day per case").isZero();
        assertThat(output.getOut()).containsOnlyOnce("Erasure case " + caseId + " is not complete");
        assertThat(hub.metrics()).containsPattern("hub_erasure_cases_near_deadline [1-9]");

        hub.clock().advance(Duration.ofDays(5));
        assertThat(hub.metrics()).containsPattern("hub_erasure_cases_overdue [1-9]");
    }

    @Test
    void anAddressCarryingACprNumberNeverReachesGoogleAndTheTaskSaysWhy() throws Exception {
        String letters = TestIds.customerId().chars().mapToObj(c -> String.valueOf((char) ('a' + c - '0')))
                .collect(java.util.stream.Collectors.joining());
        String email = "kunde.0101901234." + letters + "@example.dk";
        String caseId = requestByEmail(email);
        JsonNode receipt = awaitReceipt(caseId, r -> task(r, "google").path("status").asText().equals("FAILED"));
        assertThat(task(receipt, "google").path("outcome").asText())
                .contains("EGRESS_BLOCKED", "identifier carries a CPR number").doesNotContain("0101901234");
        assertThat(receipt.toString()).doesNotContain("0101901234");
        assertThat(Journal.requests(hub.google())).noneSatisfy(r -> assertThat(Journal.everything(r)).contains("0101901234"));
        assertThat(Journal.requests(hub.mailchimp())).noneSatisfy(r -> assertThat(Journal.everything(r)).contains("0101901234"));
        assertThat(jdbc.sql("select count(*) from failed_message where masked_message like '%0101901234%'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void mailchimpAnswering404MeansAlreadyGone() throws Exception {
        String caseId = requestByEmail("gone@example.com");
        JsonNode receipt = awaitReceipt(caseId, r -> r.path("status").asText().equals("COMPLETED"));
        assertThat(task(receipt, "mailchimp").path("outcome").asText()).contains("not in the list");
        assertThat(task(receipt, "gecko").path("status").asText()).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void badRequestsNameTheFieldAndEchoNothing() throws Exception {
        HttpResponse<String> noIdentifier = hub.postJson("/admin/erasures", "{\"reason\":\"subject-request\"}",
                "Authorization", ADMIN);
        assertThat(noIdentifier.statusCode()).isEqualTo(400);
        assertThat(noIdentifier.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(noIdentifier.body()).contains("geckoCustomerId");

        HttpResponse<String> badEmail = hub.postJson("/admin/erasures",
                "{\"email\":\"010190-1234 allergi\",\"reason\":\"because 010190-1234\"}", "Authorization", ADMIN);
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(badEmail.body()).contains("email").contains("reason").doesNotContain("010190").doesNotContain("allergi");

        assertThat(hub.postJson("/admin/erasures", "{\"email\":\"a@example.dk\",\"reason\":\"subject-request\"}")
                .statusCode()).as("no credentials").isEqualTo(401);
        assertThat(hub.get("/admin/erasures/" + UUID.randomUUID(), "Authorization", ADMIN).statusCode()).isEqualTo(404);
        assertThat(hub.get("/admin/erasures?status=SOMETIMES", "Authorization", ADMIN).statusCode()).isEqualTo(400);
    }

    void geckoWebhook(Map<String, Object> payload) throws Exception {
        hub.webhooks().gecko(payload);
    }

    void mailchimpWebhook(String type, String email) throws Exception {
        hub.webhooks().mailchimp(type, email, Instant.now());
    }

    List<LoggedRequest> memberRequests(String email) {
        String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        return Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(path));
    }
}
