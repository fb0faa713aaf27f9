package dk.consenthub.failed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An outage, its failed messages, and their replay: through the real webhook, inbox, egress and admin API, judged
 * on the Mailchimp sandbox's request journal.
 */
@HubIntegrationTest
class FailedMessageReplayIntegrationTests {

    static final String HOOK = "/webhooks/gecko/sandbox-gecko-webhook-token";
    static final int OUTAGE = 20;
    static final String CPR = "010190-1234";

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    record Person(String customerId, String email, String memberPath) {
    }

    static Person newPerson() {
        String email = TestIds.email("replay");
        return new Person(TestIds.customerId(), email,
                "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email));
    }

    String grant(Person person) throws Exception {
        Map<String, Object> payload = GeckoPayloads.customer(person.customerId(), person.email(), "ja");
        payload.put("CUSTOMERIMPORTANTNOTE", "CPR " + CPR + ". Allergisk over for lidokain");
        HttpResponse<String> response = hub.postJson(HOOK, json.writeValueAsString(payload));
        assertThat(response.statusCode()).isEqualTo(202);
        return json.readTree(response.body()).path("eventId").asText();
    }

    String failedMessageOf(String eventId) {
        return jdbc.sql("select id from failed_message where inbox_event_id = :e").param("e", eventId)
                .query(String.class).single();
    }

    List<ServeEvent> served(Person person) {
        return hub.mailchimp().getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(person.memberPath()))
                .toList();
    }

    long succeededPuts(Person person) {
        return served(person).stream().filter(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .filter(e -> e.getResponse().getStatus() == 200).count();
    }

    HttpResponse<String> admin(String method, String path, String body) {
        return method.equals("GET") ? hub.get(path, "Authorization", ADMIN)
                : hub.postJson(path, body, "Authorization", ADMIN);
    }

    JsonNode finished(HttpResponse<String> started) throws Exception {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/admin/replays/" + json.readTree(started.body()).path("runId").asText());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json.readTree(admin("GET", location, null).body()).path("status").asText().equals("FINISHED"));
        return json.readTree(admin("GET", location, null).body());
    }

    @Test
    void anOutageLeavesOneGroupThatReplaysOnceAndOnlyOnce() throws Exception {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < OUTAGE; i++) {
            Person person = newPerson();
            hub.mailchimp().stubFor(put(urlPathEqualTo(person.memberPath())).atPriority(1)
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Service Unavailable\",\"status\":503}")));
            people.add(person);
        }
        List<String> events = new ArrayList<>();
        for (Person person : people) {
            events.add(grant(person));
        }
        // every inbox attempt retried in flight, then the inbox's own retries, then given up: one row per event
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.sql(
                "select count(*) from failed_message where inbox_event_id in (:events) and status = 'FAILED'")
                .param("events", events).query(Long.class).single() == OUTAGE);
        List<String> ids = events.stream().map(this::failedMessageOf).toList();
        List<String> groups = jdbc.sql("select distinct group_key from failed_message where id in (:ids)")
                .param("ids", ids).query(String.class).list();
        assertThat(groups).containsExactly("mailchimp|HTTP_503|gecko.customer.updated");
        JsonNode listed = json.readTree(admin("GET", "/admin/failed-messages/groups", null).body());
        assertThat(listed.findValuesAsText("groupKey")).contains(groups.get(0));

        // the stored payloads are sealed: neither the address nor the CPR number is readable in the table
        for (String id : ids) {
            byte[] stored = jdbc.sql("select payload from failed_message where id = :id").param("id", id)
                    .query(byte[].class).single();
            String raw = new String(stored, StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain("@example.dk", CPR, CPR.replace("-", ""), "lidokain");
        }
        // the detail is metadata and the masked error, never the person
        HttpResponse<String> detail = admin("GET", "/admin/failed-messages/" + ids.get(0), null);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(json.readTree(detail.body()).path("errorType").asText()).isEqualTo("HTTP_503");
        assertThat(detail.body()).doesNotContain(people.get(0).email(), "@example.dk", CPR, "lidokain", "payload");

        // Mailchimp recovers; the group is replayed
        hub.removeAddedStubs();
        JsonNode run = finished(admin("POST", "/admin/failed-messages/replay",
                "{\"group\":\"" + groups.get(0) + "\",\"ratePerSecond\":50}"));
        assertThat(run.path("succeeded").asInt()).isGreaterThanOrEqualTo(OUTAGE);
        assertThat(run.path("failedAgain").asInt()).isZero();
        for (Person person : people) {
            assertThat(succeededPuts(person)).as(person.memberPath()).isEqualTo(1);
        }
        assertThat(jdbc.sql("select distinct status from failed_message where id in (:ids)").param("ids", ids)
                .query(String.class).list()).containsExactly("RESOLVED");
        assertThat(jdbc.sql("select distinct status from inbox_event where id in (:events)").param("events", events)
                .query(String.class).list()).containsExactly("DONE");

        // the same ids again: nothing is sent twice
        int before = people.stream().mapToInt(p -> served(p).size()).sum();
        JsonNode again = finished(admin("POST", "/admin/failed-messages/replay",
                json.writeValueAsString(Map.of("ids", ids, "ratePerSecond", 50))));
        assertThat(again.path("total").asInt()).isEqualTo(OUTAGE);
        assertThat(again.path("skipped").asInt()).isEqualTo(OUTAGE);
        assertThat(again.path("replayed").asInt()).isZero();
        assertThat(people.stream().mapToInt(p -> served(p).size()).sum()).isEqualTo(before);
        assertThat(json.readTree(admin("GET", "/admin/replays", null).body()).findValuesAsText("id"))
                .contains(run.path("id").asText(), again.path("id").asText());
    }
}
