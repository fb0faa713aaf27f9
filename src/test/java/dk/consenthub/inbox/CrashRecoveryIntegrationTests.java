package dk.consenthub.inbox;

import static dk.consenthub.support.OutsideSandbox.CONCURRENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.consenthub.support.EmbeddedPostgresDatabase;
import dk.consenthub.support.HubProcess;
import dk.consenthub.support.OutsideSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub JVM killed (SIGKILL) or stopped (SIGTERM) in the middle of a burst of webhooks, then started again on the same
 * database: every event it answered 202 is delivered to Mailchimp, judged on the journal of a sandbox that outlived
 * the hub. Only an event whose request was in flight may be sent again (at most the dispatch concurrency), as the
 * same idempotent PUT.
 */
class CrashRecoveryIntegrationTests {

    static final int BURST = 300;

    static OutsideSandbox sandbox;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startSandbox() {
        sandbox = new OutsideSandbox();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void emptyJournal() {
        sandbox.mailchimp().resetRequests();
    }

    @Test
    void aKilledHubOnH2DeliversEveryAcceptedEventAfterARestart() throws Exception {
        burstThenRestart(sandbox.settings(), false);

        assertRecovered();
    }

    @Test
    void aKilledHubOnPostgresDeliversEveryAcceptedEventAfterARestart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgresDatabase.start()) {
            burstThenRestart(sandbox.settings(OutsideSandbox.postgres(postgres).toArray(String[]::new)), false);

            assertRecovered();
        }
    }

    @Test
    void sigtermStopsWithinTheShutdownTimeoutAndNothingIsLost() throws Exception {
        Duration stoppedIn = burstThenRestart(sandbox.settings(), true);

        assertRecovered();
        assertThat(stoppedIn).isLessThan(Duration.ofSeconds(30));
    }

    Set<String> accepted;

    void assertRecovered() {
        assertThat(sandbox.lost(accepted)).isEmpty();
        // seen: 0 to 4 after a kill, 0 and 2 after SIGTERM (a request in flight is sent again after the restart)
        assertThat(sandbox.repeated()).hasSizeLessThanOrEqualTo(CONCURRENCY);
    }

    /** Half the burst is accepted, the hub dies while the rest is being sent, a new hub starts on the same data. */
    Duration burstThenRestart(List<String> settings, boolean graceful) throws Exception {
        HubProcess hub = HubProcess.start(dataDir, settings);
        accepted = OutsideSandbox.newAcceptedSet();
        ExecutorService senders = OutsideSandbox.send(BURST, List.of(hub.client()), accepted);
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= BURST / 2);
        Duration stoppedIn = Duration.ZERO;
        if (graceful) {
            stoppedIn = hub.stop(Duration.ofSeconds(60));
        } else {
            hub.kill();
        }
        OutsideSandbox.awaitSent(senders);

        HubProcess restarted = HubProcess.start(dataDir, settings);
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> sandbox.lost(accepted).isEmpty());
        } finally {
            restarted.stop(Duration.ofSeconds(60));
        }
        System.out.printf("Crash recovery (%s): %d accepted, %d delivered, %d delivered twice, %d lost; exit in %d ms%n",
                graceful ? "SIGTERM" : "SIGKILL", accepted.size(), sandbox.upserts().size(), sandbox.repeated().size(),
                sandbox.lost(accepted).size(), stoppedIn.toMillis());
        return stoppedIn;
    }
}
