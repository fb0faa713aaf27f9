package dk.consenthub.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.failed.FailedMessage;
import dk.consenthub.failed.FailedMessageStore;
import dk.consenthub.failed.FailedMessages;
import dk.consenthub.failed.Replays;
import dk.consenthub.failed.Selection;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.EmbeddedPostgresDatabase;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same flow on a real PostgreSQL 17 (embedded binaries from Maven), the cluster-mode database. */
@HubIntegrationTest
// its database lives until the JVM exits (a shutdown hook stops it): this hub must close first, or its schedules
// keep polling a dead database for the rest of the suite
@DirtiesContext
class PostgresInboxIntegrationTests {

    static final EmbeddedPostgres POSTGRES = EmbeddedPostgresDatabase.start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, POSTGRES);
    }

    @Autowired
    Hub hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InboxStore inbox;

    @Autowired
    ObjectMapper json;

    @Autowired
    CamelContext camel;

    @Nested
    class Flow {

        @Test
        void runsOnPostgres() {
            String product = jdbc.sql("select version()").query(String.class).single();
            assertThat(product).startsWith("PostgreSQL 17");
        }

        @Test
        void aWebhookIsStoredOnceAndReachesMailchimp() throws Exception {
            String email = "pg.customer@example.dk";
            String payload = json.writeValueAsString(GeckoPayloads.customer(TestIds.customerId(), email, "ja"));

            HttpResponse<String> first = hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token", payload);
            HttpResponse<String> again = hub.postJson("/webhooks/gecko/sandbox-gecko-webhook-token", payload);

            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(again.statusCode()).isEqualTo(200);
            String path = "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(path)).isEmpty());
            String eventId = json.readTree(first.body()).path("eventId").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId).orElseThrow() == InboxStore.Status.DONE);
            assertThat(Journal.requests(hub.mailchimp(), r -> r.getUrl().equals(path))).hasSize(1);
        }
    }

    @Nested
    class Claims {

        @Test
        void twoNodesClaimingAtOnceNeverTakeTheSameEvent() throws Exception {
            camel.getRouteController().stopRoute("inbox-dispatch");
            try {
                for (int i = 0; i < 200; i++) {
                    inbox.store(new NewInboxEvent("test", "test.claim", "subject-" + i,
                            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), NewInboxEvent.Dedup.SAME_CONTENT));
                }
                ExecutorService nodes = Executors.newFixedThreadPool(4);
                List<Future<List<InboxEvent>>> claims = new ArrayList<>();
                for (int node = 0; node < 4; node++) {
                    String owner = "node-" + node;
                    Callable<List<InboxEvent>> claim = () -> {
                        List<InboxEvent> mine = new ArrayList<>();
                        List<InboxEvent> batch;
                        while (!(batch = inbox.claimDue(owner, 25, Duration.ofMinutes(5))).isEmpty()) {
                            mine.addAll(batch);
                        }
                        return mine;
                    };
                    claims.add(nodes.submit(claim));
                }
                Set<String> seen = new HashSet<>();
                int total = 0;
                for (Future<List<InboxEvent>> claim : claims) {
                    for (InboxEvent event : claim.get()) {
                        if (event.type().equals("test.claim")) {
                            total++;
                            assertThat(seen.add(event.id())).as("claimed twice: %s", event.id()).isTrue();
                        }
                    }
                }
                nodes.shutdown();
                assertThat(total).isEqualTo(200);
            } finally {
                jdbc.sql("delete from inbox_event where event_type = 'test.claim'").update();
                camel.getRouteController().startRoute("inbox-dispatch");
            }
        }
    }

    /** The failed store's queries and the V8 migration on PostgreSQL: filters, groups, compare-and-set, runs, purge. */
    @Nested
    class FailedStore {

        @Autowired
        FailedMessageStore store;

        @Autowired
        FailedMessages messages;

        @Autowired
        Replays replays;

        @Test
        void aMessageIsListedGroupedArchivedSkippedByAReplayAndPurged() {
            String id = store.record(new FailedMessage(null, "reconcile", "reconcile-write-members", "mailchimp",
                    "HTTP_503", "pg.newsletter-write", "mailchimp answered 503", 1, "{}".getBytes(StandardCharsets.UTF_8)));

            FailedMessages.Page<FailedMessages.View> page = messages.page(new FailedMessages.Filter(
                    FailedMessageStore.Status.FAILED, "mailchimp", "HTTP_503", "mailchimp|HTTP_503|pg.newsletter-write"), 0, 10);
            assertThat(page.total()).isEqualTo(1);
            assertThat(page.items()).extracting(FailedMessages.View::id).containsExactly(id);
            assertThat(messages.groups()).anySatisfy(group -> {
                assertThat(group.groupKey()).isEqualTo("mailchimp|HTTP_503|pg.newsletter-write");
                assertThat(group.count()).isEqualTo(1);
            });

            assertThat(messages.archive(Selection.ofGroup("mailchimp|HTTP_503|pg.newsletter-write"))).isEqualTo(1);
            Replays.ReplayRun started = replays.start(Selection.ofIds(List.of(id)), 50.0, "test");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    replays.run(started.id()).orElseThrow().status() == Replays.RunStatus.FINISHED);
            assertThat(replays.run(started.id()).orElseThrow().skipped()).isEqualTo(1);
            assertThat(replays.history()).extracting(Replays.ReplayRun::id).contains(started.id());

            assertThat(store.purge(Instant.now().plus(Duration.ofDays(1)))).isGreaterThanOrEqualTo(1);
            assertThat(messages.view(id)).isEmpty();
        }
    }
}
