package dk.consenthub.failed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node died in the middle of a replay: its run's lease, and the message it had taken ({@code REPLAYING}), are left
 * behind. Another node takes the run over when the lease runs out and replays that message: delivered once, resolved.
 */
@HubIntegrationTest
class ReplayTakeoverIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMessageLeftReplayingByADeadNodeIsReplayedByTheNodeThatTakesOverTheRun() throws Exception {
        String email = TestIds.email("takeover");
        String member = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
        hub.mailchimp().stubFor(put(urlPathEqualTo(member)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Invalid Resource\",\"status\":400,\"detail\":\"Please provide a valid email address.\"}")));
        String eventId = json.readTree(hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token",
                json.writeValueAsString(GeckoPayloads.customer(TestIds.customerId(), email, "ja"))).body())
                .path("eventId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from failed_message where inbox_event_id = :e").param("e", eventId).query(Long.class).single() == 1);
        String message = jdbc.sql("select id from failed_message where inbox_event_id = :e").param("e", eventId)
                .query(String.class).single();
        hub.removeAddedStubs();

        // what the dead node left: its run (lease running out in a second), the message taken, its item claimed
        Timestamp leaseEnds = Timestamp.from(Instant.now().plusSeconds(1));
        jdbc.sql("""
                insert into replay_run (id, selection, rate_per_second, actor, status, total, started_at, lease_owner,
                                        lease_until)
                values ('run-of-a-dead-node', 'ids (1)', 50, 'admin', 'RUNNING', 1, :now, 'dead-node', :until)
                """).param("now", Timestamp.from(Instant.now())).param("until", leaseEnds).update();
        jdbc.sql("insert into replay_run_item (run_id, position, failed_message_id, outcome) values "
                + "('run-of-a-dead-node', 0, :m, 'CLAIMED')").param("m", message).update();
        jdbc.sql("update failed_message set status = 'REPLAYING' where id = :m").param("m", message).update();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select status from replay_run where id = 'run-of-a-dead-node'").query(String.class).single().equals("FINISHED"));
        assertThat(jdbc.sql("select succeeded from replay_run where id = 'run-of-a-dead-node'").query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("select status from failed_message where id = :m").param("m", message).query(String.class)
                .single()).isEqualTo("RESOLVED");
        assertThat(jdbc.sql("select status from inbox_event where id = :e").param("e", eventId).query(String.class)
                .single()).isEqualTo("DONE");
        assertThat(Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(member)))
                .extracting(r -> r.getMethod().getName()).containsExactly("PUT", "PUT");
    }
}
