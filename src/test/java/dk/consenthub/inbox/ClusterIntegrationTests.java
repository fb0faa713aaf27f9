package dk.consenthub.inbox;

import static dk.consenthub.support.OutsideSandbox.CONCURRENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.consenthub.support.EmbeddedPostgresDatabase;
import dk.consenthub.support.HubProcess;
import dk.consenthub.support.OutsideSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub JVMs on one PostgreSQL 17, around a sandbox that outlives them: they share the inbox (each event delivered
 * once, by one of them), a node that dies leaves its claimed events to the other once their lease runs out, and a
 * Quartz schedule fires on one node per slot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTests {

    static OutsideSandbox sandbox;
    static EmbeddedPostgres postgres;
    static HubProcess first;
    static HubProcess second;

    @TempDir
    static Path dataDir;

    /** Two nodes for the whole class (the last test kills one), each running the inbox purge every second. */
    @BeforeAll
    static void start() {
        sandbox = new OutsideSandbox();
        postgres = EmbeddedPostgresDatabase.start();
        first = node("a");
        second = node("b");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            first.stop(Duration.ofSeconds(60));
            second.stop(Duration.ofSeconds(60));
        } finally {
            sandbox.close();
            postgres.close();
        }
    }

    @BeforeEach
    void emptyJournal() {
        sandbox.mailchimp().resetRequests();
    }

    static HubProcess node(String name) {
        List<String> settings = new ArrayList<>(OutsideSandbox.postgres(postgres));
        settings.add("hub.inbox.retention-cron=* * * * * ?");
        return HubProcess.start(dataDir.resolve(name), sandbox.settings(settings.toArray(String[]::new)));
    }

    @Test
    @Order(2)
    void twoNodesShareABurstAndDeliverEveryEventExactlyOnce() throws Exception {
        Set<String> accepted = OutsideSandbox.newAcceptedSet();

        OutsideSandbox.awaitSent(OutsideSandbox.send(2_000, List.of(first.client(), second.client()), accepted));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> sandbox.lost(accepted).isEmpty());

        Map<String, Long> upserts = sandbox.upserts();
        System.out.printf("Two nodes: %d accepted, %d delivered, %d member writes, %d delivered twice%n",
                accepted.size(), upserts.size(), upserts.values().stream().mapToLong(Long::longValue).sum(),
                sandbox.repeated().size());
        assertThat(accepted).hasSize(2_000);
        assertThat(upserts).hasSize(2_000);
        assertThat(upserts.values()).containsOnly(1L);
    }

    @Test
    @Order(3)
    void whenANodeDiesTheOtherFinishesItsClaimedWorkAfterTheLease() throws Exception {
        Set<String> accepted = OutsideSandbox.newAcceptedSet();

        ExecutorService senders = OutsideSandbox.send(600, List.of(first.client(), second.client()), accepted);
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= 300);
        second.kill();
        OutsideSandbox.awaitSent(senders);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> sandbox.lost(accepted).isEmpty());

        System.out.printf("A node killed mid-load: %d accepted, %d delivered, %d delivered twice, %d lost%n",
                accepted.size(), sandbox.upserts().size(), sandbox.repeated().size(), sandbox.lost(accepted).size());
        assertThat(sandbox.repeated()).hasSizeLessThanOrEqualTo(CONCURRENCY);
    }

    @Test
    @Order(1)
    void aScheduleFiresOnOneNodePerSlot() throws Exception {
        // the inbox retention purge every second: each run logs one line on the node that ran it
        Thread.sleep(12_000);

        Map<String, Long> runsPerSecond = Stream.of("a", "b").flatMap(ClusterIntegrationTests::purgeSeconds)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        System.out.printf("Schedule on two nodes: %d slots fired, %d on both%n", runsPerSecond.size(),
                runsPerSecond.values().stream().filter(n -> n > 1).count());
        assertThat(runsPerSecond).hasSizeGreaterThanOrEqualTo(8);
        assertThat(runsPerSecond.values()).containsOnly(1L);
    }

    /** The seconds (yyyy-MM-ddTHH:mm:ss) in which the node logged a retention purge. */
    static Stream<String> purgeSeconds(String node) {
        try (Stream<String> lines = Files.lines(dataDir.resolve(node).resolve("hub.log"))) {
            return lines.filter(line -> line.contains("Inbox retention:")).map(line -> line.substring(0, 19)).toList()
                    .stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
