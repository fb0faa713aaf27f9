package dk.consenthub.erasure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dk.consenthub.consent.Subjects;
import dk.consenthub.consent.Suppressions;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.AutomaticErasures;
import dk.consenthub.support.GeckoCustomerList;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verify before destroy: an erasure tag reported by a webhook deletes nothing until Gecko's REST API confirms it,
 * and then only the addresses Gecko holds; more automatic erasures in an hour than the limit wait for an operator.
 */
@HubIntegrationTest
class ErasureVerificationIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    Subjects subjects;

    @Autowired
    Suppressions suppressions;

    @Autowired
    ErasureCases cases;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aForgedTagForACustomerGeckoDoesNotHaveDeletesNothing() throws Exception {
        String customerId = TestIds.customerId();
        String victim = TestIds.email("victim");
        tagWebhook(customerId, victim);

        JsonNode receipt = awaitCase(customerId, "REJECTED");
        assertThat(receipt.path("verification").asText()).contains("Gecko has no customer with this id");
        assertThat(receipt.path("tasks")).as("no task ever started").isEmpty();
        assertThat(Journal.requests(hub.gecko(), r -> r.getUrl().equals("/api/v1/customer/" + customerId)))
                .as("the hub asked Gecko").hasSize(1);
        assertNothingDeleted(victim);
        assertThat(hub.get("/admin/audit?action=ERASURE_REJECTED&size=100", "Authorization", ADMIN).body())
                .contains(receipt.path("id").asText()).doesNotContain(victim);
    }

    @Test
    void aTagTheSandboxCustomerDoesNotCarryInGeckoIsRejected() throws Exception {
        // mappings/gecko/get-customer.json: customer 41292 carries only the newsletter tag
        String claimed = TestIds.email("someone.else");
        tagWebhook("41292", claimed);

        JsonNode receipt = awaitCase("41292", "REJECTED");
        assertThat(receipt.path("verification").asText()).isEqualTo("Gecko does not show the erasure tag on the customer");
        assertNothingDeleted(claimed);
    }

    @Test
    void aConfirmedTagErasesTheAddressGeckoHoldsNotTheWebhooks() throws Exception {
        String customerId = TestIds.customerId();
        String geckos = TestIds.email("in.gecko");
        String claimed = TestIds.email("in.webhook");
        GeckoCustomerList.stubCustomer(hub.gecko(), GeckoCustomerList.customer(customerId, geckos, true, "Slet data"));
        tagWebhook(customerId, claimed);

        JsonNode receipt = awaitReceipt(customerId, r -> task(r, "mailchimp").equals("DONE")
                && task(r, "google").equals("DONE") && task(r, "hub").equals("DONE"));
        assertThat(receipt.path("verification").asText()).isEqualTo("confirmed by Gecko");
        assertThat(Journal.requests(hub.mailchimp(), r -> r.getUrl().endsWith(
                MailchimpMembers.subscriberHash(geckos) + "/actions/delete-permanent"))).hasSize(1);
        assertThat(Journal.requests(hub.google(), r -> r.getBodyAsString().contains(geckos))).hasSize(1);
        assertNothingDeleted(claimed);
        assertThat(suppressions.contains(geckos)).isTrue();
    }

    @Test
    void whileGeckoCannotBeReachedTheCaseWaitsAndIsCheckedAgain() throws Exception {
        String customerId = TestIds.customerId();
        String email = TestIds.email("patient");
        StubMapping down = hub.gecko().stubFor(get(urlPathEqualTo("/api/v1/customer/" + customerId)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        tagWebhook(customerId, email);

        JsonNode waiting = awaitReceipt(customerId, r -> r.path("verification").asText().startsWith("waiting"));
        assertThat(waiting.path("status").asText()).isEqualTo("VERIFYING");
        assertThat(waiting.path("verification").asText()).contains("Gecko could not confirm the case")
                .doesNotContain(email);
        assertNothingDeleted(email);

        hub.gecko().removeStub(down);
        GeckoCustomerList.stubCustomer(hub.gecko(), GeckoCustomerList.customer(customerId, email, true, "Slet data"));
        JsonNode started = awaitReceipt(customerId, r -> task(r, "mailchimp").equals("DONE"));
        assertThat(started.path("verification").asText()).isEqualTo("confirmed by Gecko");
    }

    @Test
    void theBrakeHoldsTheTwentyFirstAutomaticCaseForAnOperator() throws Exception {
        List<String> ids = AutomaticErasures.confirmedTags(hub, Instant.parse("2045-03-01T09:00:00Z"), 21);
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().noneMatch(id -> status(id).equals("VERIFYING")));
        // twenty automatic cases may start in an hour: of these 21, at least the 21st waits (more when a case of an
        // earlier test was confirmed in this hour too)
        List<String> held = ids.stream().filter(id -> status(id).equals("AWAITING_APPROVAL")).toList();
        assertThat(held).isNotEmpty();
        assertThat(ids.size() - held.size()).as("started").isLessThanOrEqualTo(20);
        assertThat(ids).allSatisfy(id -> assertThat(status(id)).isIn("AWAITING_APPROVAL", "OPEN", "PARTIAL", "COMPLETED"));
        assertThat(hub.metrics()).containsPattern("hub_erasure_cases_awaiting_approval [1-9]")
                .containsPattern("hub_erasure_held_total [1-9]");
        JsonNode waiting = receipt(held.get(0));
        assertThat(waiting.path("tasks")).isEmpty();
        assertThat(waiting.path("verification").asText()).contains("an operator must approve");

        String caseId = waiting.path("id").asText();
        String viewer = HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
        assertThat(hub.post("/admin/erasures/" + caseId + "/approve", "application/json", new byte[0],
                "Authorization", viewer).statusCode()).as("approving is an operator's").isEqualTo(403);
        HttpResponse<String> approved = hub.post("/admin/erasures/" + caseId + "/approve", "application/json",
                new byte[0], "Authorization", ADMIN);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json.readTree(approved.body()).path("approvedBy").asText()).isEqualTo("admin");
        awaitReceipt(held.get(0), r -> task(r, "mailchimp").equals("DONE"));
        HttpResponse<String> again = hub.post("/admin/erasures/" + caseId + "/approve", "application/json",
                new byte[0], "Authorization", ADMIN);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // an operator's own request is not braked
        HttpResponse<String> operator = hub.postJson("/admin/erasures", "{\"email\":\"" + TestIds.email("asked")
                + "\",\"reason\":\"subject-request\"}", "Authorization", ADMIN);
        JsonNode opened = receiptById(json.readTree(operator.body()).path("caseId").asText());
        assertThat(opened.path("status").asText()).isIn("OPEN", "PARTIAL", "COMPLETED");
        assertThat(opened.path("tasks")).isNotEmpty();
    }

    private void tagWebhook(String customerId, String email) throws Exception {
        AutomaticErasures.tagWebhook(hub, customerId, email);
    }

    private void assertNothingDeleted(String email) {
        String hash = MailchimpMembers.subscriberHash(email);
        assertThat(Journal.requests(hub.mailchimp(), r -> r.getUrl().contains(hash))).as("Mailchimp").isEmpty();
        assertThat(Journal.requests(hub.google(), r -> r.getBodyAsString().contains(email))).as("Google").isEmpty();
        assertThat(suppressions.contains(email)).as("suppression list").isFalse();
    }

    /** The customer's latest case: a rejected one through the subject, which keeps its identifiers then. */
    private String caseOf(String customerId) {
        return cases.anyCaseOfGeckoCustomer(customerId).orElseGet(() -> jdbc.sql(
                "select id from erasure_case where subject_id = :s order by requested_at desc limit 1")
                .param("s", subjects.byGeckoCustomer(customerId).orElseThrow().id()).query(String.class).single());
    }

    private String status(String customerId) {
        return jdbc.sql("select status from erasure_case where id = :id").param("id", caseOf(customerId))
                .query(String.class).single();
    }

    private JsonNode receipt(String customerId) throws Exception {
        return receiptById(caseOf(customerId));
    }

    private JsonNode receiptById(String caseId) throws Exception {
        HttpResponse<String> response = hub.get("/admin/erasures/" + caseId, "Authorization", ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode awaitCase(String customerId, String status) throws Exception {
        return awaitReceipt(customerId, r -> r.path("status").asText().equals(status));
    }

    private JsonNode awaitReceipt(String customerId, java.util.function.Predicate<JsonNode> until) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> until.test(receipt(customerId)));
        return receipt(customerId);
    }

    private static String task(JsonNode receipt, String target) {
        for (JsonNode task : receipt.path("tasks")) {
            if (task.path("target").asText().equals(target)) {
                return task.path("status").asText();
            }
        }
        return "";
    }
}
