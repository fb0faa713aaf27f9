package dk.consenthub.reconcile;

import static dk.consenthub.reconcile.ReconcileJournal.batchWrite;
import static dk.consenthub.reconcile.ReconcileJournal.memberWrite;
import static dk.consenthub.reconcile.ReconcileJournal.sentBetween;
import static dk.consenthub.support.Journal.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.consenthub.support.GeckoCustomerList;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.ReconcileClient;
import dk.consenthub.support.TestIds;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconcile at the size of a real clinic: ten thousand Gecko customers, of whom one percent change between runs, with
 * the figures of each run (pages, writes, time, heap) printed for the benchmarks.
 */
@HubIntegrationTest
class ReconcileScaleIntegrationTests {

    static final int CUSTOMERS = 10_000;

    @Autowired
    Hub hub;

    @Autowired
    ReconcileClient reconcile;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    final List<String> ids = TestIds.customerIds(CUSTOMERS);

    List<Map<String, Object>> customers(Set<Integer> flipped) {
        List<Map<String, Object>> customers = new ArrayList<>(CUSTOMERS);
        for (int i = 0; i < CUSTOMERS; i++) {
            boolean accepts = i % 3 == 0; // a third take the newsletter
            customers.add(GeckoCustomerList.customer(ids.get(i),
                    "recon.kunde" + i + "@example.dk", flipped.contains(i) != accepts, "Nyhedsbrev"));
        }
        return customers;
    }

    void stub(List<Map<String, Object>> customers) {
        hub.removeAddedStubs();
        GeckoCustomerList.stubPages(hub.gecko(), customers, 100);
    }

    @Test
    void onePercentChangedIsOneBatchAndAFullRunRightAfterWritesNothing() throws Exception {
        Set<Integer> flipped = new HashSet<>();
        for (int i = 7; i < CUSTOMERS; i += 100) {
            flipped.add(i);
        }
        List<Figures> figures = new ArrayList<>();

        stub(customers(Set.of()));
        Instant firstFrom = Instant.now();
        Figures first = Figures.measure("first full run", () -> reconcile.run("full", Duration.ofSeconds(120)));
        figures.add(first);
        // the third who said yes are added; a "no" from someone who never said yes has nothing to take back
        Map<String, Long> firstStatuses = new java.util.TreeMap<>();
        for (LoggedRequest batch : sentBetween(hub.mailchimp(), firstFrom, Instant.now(), batchWrite())) {
            json.readTree(batch.getBodyAsString()).path("members").forEach(m -> firstStatuses.merge(
                    m.path("status").asText(m.path("status_if_new").asText()), 1L, Long::sum));
        }
        assertThat(firstStatuses).isEqualTo(Map.of("subscribed", 3334L));
        assertThat(first.report.path("customersSeen").asInt()).isEqualTo(CUSTOMERS);
        assertThat(first.report.path("drift").path("newInGecko").asLong()
                + first.report.path("drift").path("changedInGecko").asLong()
                + first.report.path("drift").path("unchanged").asLong()).isEqualTo(CUSTOMERS);

        stub(customers(flipped));
        Instant from = Instant.now();
        Figures second = Figures.measure("incremental, 1% changed", () -> reconcile.run("incremental",
                Duration.ofSeconds(120)));
        Instant until = Instant.now();
        figures.add(second);

        assertThat(second.report.path("drift").path("changedInGecko").asLong()).isEqualTo(100);
        assertThat(second.report.path("drift").path("unchanged").asLong()).isEqualTo(CUSTOMERS - 100);
        assertThat(second.report.path("changes").asInt()).isEqualTo(100);
        assertThat(second.report.path("batchWrites").asInt()).isEqualTo(1);
        assertThat(second.report.path("writes").asInt()).isEqualTo(100);
        List<LoggedRequest> batches = sentBetween(hub.mailchimp(), from, until, batchWrite());
        assertThat(batches).hasSize(1);
        JsonNode batch = json.readTree(batches.get(0).getBodyAsString());
        assertThat(batch.path("update_existing").asBoolean()).isTrue();
        assertThat(batch.path("members")).hasSize(100);
        Set<String> statuses = new HashSet<>();
        batch.path("members").forEach(m -> statuses.add(m.path("status").asText()));
        assertThat(statuses).containsExactlyInAnyOrder("unsubscribed", "pending");
        assertThat(batches.get(0).getBodyAsString()).doesNotContain("010190").doesNotContain("Botox");
        assertThat(sentBetween(hub.mailchimp(), from, until, memberWrite())).isEmpty();
        assertThat(sentBetween(hub.gecko(), from, until, to("GET", "/api/v1/customer?"))).hasSize(100);

        from = Instant.now();
        Figures third = Figures.measure("full run right after", () -> reconcile.run("full",
                Duration.ofSeconds(120)));
        until = Instant.now();
        figures.add(third);

        assertThat(third.report.path("writes").asInt()).isZero();
        assertThat(third.report.path("batchWrites").asInt()).isZero();
        assertThat(third.report.path("drift").path("unchanged").asLong()).isEqualTo(CUSTOMERS);
        assertThat(sentBetween(hub.mailchimp(), from, until, memberWrite().or(batchWrite()))).isEmpty();

        // nothing of the notes is kept: the fingerprints are hashes, the subjects hold no note
        assertThat(jdbc.sql("select count(*) from customer_fingerprint where gecko_customer_id in (:ids)")
                .param("ids", ids).query(Long.class).single()).isEqualTo(CUSTOMERS);

        System.out.println("RECONCILE FIGURES (" + CUSTOMERS + " sandbox customers, Gecko page size 100, max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB, " + Runtime.getRuntime().availableProcessors()
                + " cores)");
        figures.forEach(f -> System.out.println("  " + f));
    }

    /**
     * One run's figures: what it read and wrote, how long it took (by its own record, and end to end through the
     * admin API), and the heap while it ran. The heap pools peak at different moments, so their sum bounds the peak
     * from above; the old generation's peak is closer to what the run kept alive.
     */
    record Figures(String name, JsonNode report, long wallMillis, long endToEndMillis, long peakHeapBytes,
                   long peakOldBytes, long heapBeforeBytes) {

        interface Run {
            JsonNode run() throws Exception;
        }

        static Figures measure(String name, Run run) throws Exception {
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            JsonNode report = run.run();
            long endToEnd = (System.nanoTime() - start) / 1_000_000;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long old = heap.stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long wall = Duration.between(Instant.parse(report.path("startedAt").asText()),
                    Instant.parse(report.path("finishedAt").asText())).toMillis();
            return new Figures(name, report, wall, endToEnd, peak, old, before);
        }

        @Override
        public String toString() {
            JsonNode drift = report.path("drift");
            return String.format("%-24s customers=%d pages=%d (Gecko %d + Mailchimp %d) new=%d changed=%d"
                            + " unchanged=%d writes=%d in %d batch(es) wall=%d ms (end to end %d ms)"
                            + " heap: before %d MB, peak <= %d MB, old-gen peak %d MB",
                    name, report.path("customersSeen").asInt(), report.path("pagesRead").asInt(),
                    report.path("pagesRead").asInt() - 1, 1, drift.path("newInGecko").asLong(),
                    drift.path("changedInGecko").asLong(), drift.path("unchanged").asLong(),
                    report.path("writes").asInt(), report.path("batchWrites").asInt(), wallMillis, endToEndMillis,
                    heapBeforeBytes >> 20, peakHeapBytes >> 20, peakOldBytes >> 20);
        }
    }
}
