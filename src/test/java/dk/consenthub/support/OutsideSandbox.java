package dk.consenthub.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.system.SandboxServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The sandbox in the test's JVM, outliving the {@link HubProcess}es that use it, with what the cluster and crash
 * tests do with it: settings for a hub, bursts of Gecko webhooks, and the member upserts its Mailchimp journal holds.
 */
public final class OutsideSandbox implements AutoCloseable {

    public static final String HOOK = "/webhooks/gecko/sandbox-gecko-webhook-token";
    /** Events a hub dispatches at once: also how many may be in flight when it dies. */
    public static final int CONCURRENCY = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxServers servers;
    private final List<String> ports;

    public OutsideSandbox() {
        Map<String, Integer> port = Map.of("gecko", SandboxTestEnvironment.freePort(),
                "mailchimp", SandboxTestEnvironment.freePort(), "google", SandboxTestEnvironment.freePort());
        servers = SandboxServers.standalone(Path.of("mappings"), port::get);
        ports = port.entrySet().stream().map(e -> "hub.sandbox." + e.getKey() + "-port=" + e.getValue()).toList();
        // each upsert takes a while, so a backlog is waiting when a hub dies
        mailchimp().setGlobalFixedDelay(40);
    }

    public WireMockServer mailchimp() {
        return servers.server(SandboxServers.MAILCHIMP);
    }

    /**
     * A hub's settings: this sandbox, quick dispatch, no reconcile; then {@code more}. Small batches under a lease of
     * 20 s: a dead node's events are taken over soon, yet a live node's batch on a busy machine never outlasts it
     * (with 5 s and batches of 50, two live nodes did take each other's events and write a few members twice).
     */
    public List<String> settings(String... more) {
        List<String> all = new ArrayList<>(ports);
        all.addAll(List.of("hub.inbox.poll-delay=50", "hub.inbox.concurrency=" + CONCURRENCY, "hub.inbox.batch-size=8",
                "hub.inbox.lease=20s",
                "hub.reconcile.incremental-cron=0 0 0 1 1 ? 2099", "hub.reconcile.full-cron=0 0 0 1 1 ? 2099"));
        all.addAll(List.of(more));
        return all;
    }

    public static List<String> postgres(EmbeddedPostgres postgres) {
        return List.of("spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres", "spring.datasource.password=");
    }

    /**
     * Sends {@code count} webhooks of new customers in the background, in turn to each of {@code nodes}; the member
     * path of each one answered 202 is added to {@code accepted}. A node that is gone refuses: not accepted, not owed.
     */
    public static ExecutorService send(int count, List<HubClient> nodes, Set<String> accepted) throws JsonProcessingException {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<String> ids = TestIds.customerIds(count);
        for (int i = 0; i < count; i++) {
            HubClient node = nodes.get(i % nodes.size());
            String email = "burst." + ids.get(i) + "@example.dk";
            String body = JSON.writeValueAsString(GeckoPayloads.customer(ids.get(i), email, "ja"));
            senders.submit(() -> {
                try {
                    if (node.postJson(HOOK, body).statusCode() == 202) {
                        accepted.add(memberPath(email));
                    }
                } catch (RuntimeException hubGone) {
                    // sent after the node died
                }
            });
        }
        senders.shutdown();
        return senders;
    }

    public static Set<String> newAcceptedSet() {
        return ConcurrentHashMap.newKeySet();
    }

    public static void awaitSent(ExecutorService senders) throws InterruptedException {
        if (!senders.awaitTermination(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the burst was not sent within two minutes");
        }
    }

    /** Member path -> number of PUTs Mailchimp received for it. */
    public Map<String, Long> upserts() {
        return Journal.requests(mailchimp(), Journal.to("PUT", "/3.0/lists/")).stream()
                .collect(Collectors.groupingBy(request -> request.getUrl(), Collectors.counting()));
    }

    /** The accepted events not (yet) delivered. */
    public Set<String> lost(Set<String> accepted) {
        Map<String, Long> upserts = upserts();
        return accepted.stream().filter(path -> !upserts.containsKey(path)).collect(Collectors.toSet());
    }

    /** Members written more than once. */
    public Set<String> repeated() {
        return upserts().entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    static String memberPath(String email) {
        return "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email);
    }

    @Override
    public void close() {
        servers.destroy();
    }
}
