package dk.consenthub.newsletter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.inbox.InboxStore.Status;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.NewsletterJournal;
import dk.consenthub.support.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Under a backlog (here: more than three events in a claimed batch) the Mailchimp upserts of a batch leave as one batch
 * request, and each event ends as its own request would have made it end.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.mailchimp.batch-threshold=3")
class MemberBatchIntegrationTests {

    static final String HOOK = "/webhooks/gecko/sandbox-gecko-webhook-token";

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    CamelContext camel;

    @Autowired
    InboxStore inbox;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBacklogIsWrittenInOneBatchRequestAndEachEventEndsWithItsOwnMember() throws Exception {
        List<String> clean = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            clean.add(TestIds.email("batch"));
        }
        String cprAddress = "kunde010190-1234@example.dk";
        List<String> addresses = new ArrayList<>(clean);
        addresses.add("forgotten@example.com");
        addresses.add(cprAddress);
        // a second customer with the first one's address: the batch writes it once, the second write goes alone
        addresses.add(clean.get(0));

        List<String> events = sendWhileDispatchIsStopped(addresses);
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().allMatch(this::finished));

        var batches = NewsletterJournal.batches(hub).stream()
                .filter(batch -> NewsletterJournal.addresses(batch).contains(clean.get(0))).toList();
        assertThat(batches).hasSize(1);
        List<String> batched = NewsletterJournal.addresses(batches.get(0));
        assertThat(batched).containsExactlyInAnyOrderElementsOf(addresses.subList(0, 8));
        Set<String> hashes = Set.copyOf(addresses.stream().map(MailchimpMembers::subscriberHash).toList());
        assertThat(Journal.requests(hub.mailchimp(), Journal.to("PUT", "/3.0/lists/")))
                .filteredOn(put -> hashes.contains(put.getUrl().substring(put.getUrl().lastIndexOf('/') + 1)))
                .singleElement().satisfies(put -> assertThat(put.getUrl())
                        .endsWith("/members/" + MailchimpMembers.subscriberHash(clean.get(0))));
        assertThat(Journal.requests(hub.mailchimp())).noneSatisfy(request ->
                assertThat(Journal.everything(request)).contains("010190"));

        for (int i = 0; i < 7; i++) {
            assertThat(inbox.status(events.get(i))).contains(Status.DONE);
        }
        assertThat(inbox.status(events.get(7))).contains(Status.FAILED);
        assertThat(errorTypeOf(events.get(7))).isEqualTo("FORGOTTEN_EMAIL");
        assertThat(inbox.status(events.get(8))).contains(Status.FAILED);
        assertThat(errorTypeOf(events.get(8))).isEqualTo("EGRESS_BLOCKED");
        assertThat(inbox.status(events.get(9))).contains(Status.DONE);
        Map<String, Integer> written = writtenOf(addresses);
        assertThat(written).containsOnlyKeys(clean.stream().map(MailchimpMembers::subscriberHash).toList());
        assertThat(written.get(MailchimpMembers.subscriberHash(clean.get(0)))).isEqualTo(2);
        clean.subList(1, 7).forEach(email ->
                assertThat(written.get(MailchimpMembers.subscriberHash(email))).as(email).isEqualTo(1));
    }

    @Test
    void aBatchRequestThatFailsPutsItsEventsBackAndEachMemberIsWrittenOnceLater() throws Exception {
        StubMapping outage = hub.mailchimp().stubFor(post(urlPathEqualTo("/3.0/lists/a1b2c3d4e5")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\","
                                + "\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"down\",\"instance\":\"x\"}")));
        List<String> addresses = List.of(TestIds.email("outage"), TestIds.email("outage"), TestIds.email("outage"),
                TestIds.email("outage"), TestIds.email("outage"));
        List<String> events = sendWhileDispatchIsStopped(addresses);

        // the request failed for good (after the egress retries): every event waits for its next attempt
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().allMatch(id -> attempts(id) >= 1
                && "PENDING".equals(column(id, "status")) && column(id, "last_error") != null));
        assertThat(events).allSatisfy(id -> assertThat(column(id, "last_error")).startsWith("HTTP_503"));
        assertThat(writtenOf(addresses)).isEmpty();

        hub.mailchimp().removeStub(outage);
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().allMatch(this::finished));
        assertThat(events).allSatisfy(id -> assertThat(inbox.status(id)).contains(Status.DONE));
        Map<String, Integer> written = writtenOf(addresses);
        assertThat(written).containsOnlyKeys(addresses.stream().map(MailchimpMembers::subscriberHash).toList());
        assertThat(Set.copyOf(written.values())).containsOnly(1);
    }

    List<String> sendWhileDispatchIsStopped(List<String> addresses) throws Exception {
        List<String> events = new ArrayList<>();
        camel.getRouteController().stopRoute("inbox-dispatch");
        try {
            for (String address : addresses) {
                var answer = hub.postJson(HOOK, json.writeValueAsString(
                        GeckoPayloads.customer(TestIds.customerId(), address, "ja")));
                assertThat(answer.statusCode()).isEqualTo(202);
                events.add(json.readTree(answer.body()).path("eventId").asText());
            }
        } finally {
            camel.getRouteController().startRoute("inbox-dispatch");
        }
        return events;
    }

    /** The writes Mailchimp accepted of these addresses (the sandbox's journal holds other tests' too). */
    Map<String, Integer> writtenOf(List<String> addresses) {
        Set<String> hashes = Set.copyOf(addresses.stream().map(MailchimpMembers::subscriberHash).toList());
        Map<String, Integer> written = new java.util.HashMap<>(NewsletterJournal.membersWritten(hub.mailchimp()));
        written.keySet().retainAll(hashes);
        return written;
    }

    boolean finished(String eventId) {
        return inbox.status(eventId).map(s -> s == Status.DONE || s == Status.FAILED).orElse(false);
    }

    int attempts(String eventId) {
        return inbox.attempts(eventId);
    }

    String column(String eventId, String column) {
        return jdbc.sql("select " + column + " from inbox_event where id = :id").param("id", eventId)
                .query(String.class).single();
    }

    String errorTypeOf(String eventId) {
        return jdbc.sql("select error_type from failed_message where inbox_event_id = :id").param("id", eventId)
                .query(String.class).single();
    }
}
