package dk.consenthub.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A backlog far longer than the lease: dispatch claims a batch only when the last one is done, so no claimed event
 * waits in a queue until its lease runs out and is dispatched a second time. (Before, the poller claimed batch after
 * batch while the first still ran: under load the 10k test upserted over a thousand members twice.)
 */
@HubIntegrationTest
@TestPropertySource(properties = {"hub.inbox.lease=2s", "hub.inbox.batch-size=4", "hub.inbox.concurrency=4"})
class DispatchLeaseIntegrationTests {

    static final int EVENTS = 60;
    static final String HOOK = "/webhooks/gecko/sandbox-gecko-webhook-token";

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InboxStore inbox;

    @Test
    void aBacklogLongerThanTheLeaseIsDeliveredOnceEach() throws Exception {
        // each upsert takes 200 ms: the backlog needs about three seconds, the lease is two
        hub.mailchimp().setGlobalFixedDelay(200);
        try {
            sendAndDeliver();
        } finally {
            hub.mailchimp().setGlobalFixedDelay(0);
        }

        Map<String, Long> upserts = Journal.requests(hub.mailchimp(), Journal.to("PUT", "/3.0/lists/")).stream()
                .collect(Collectors.groupingBy(request -> request.getUrl(), Collectors.counting()));
        assertThat(upserts).hasSize(EVENTS);
        assertThat(upserts.values()).containsOnly(1L);
        assertThat(jdbc.sql("select max(attempts) from inbox_event").query(Integer.class).single()).isEqualTo(1);
    }

    void sendAndDeliver() throws Exception {
        for (String id : TestIds.customerIds(EVENTS)) {
            Map<String, Object> customer = GeckoPayloads.customer(id, TestIds.email("lease"), "ja");
            assertThat(hub.postJson(HOOK, json.writeValueAsString(customer)).statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.depth() == 0);
    }
}
