package dk.consenthub.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The replay guard of the signed webhook: remembers each accepted signature until its timestamp has left the
 * window, after which the window check refuses it on its own. Shared by every node through the database; the
 * primary key makes exactly one of two concurrent equal deliveries the first.
 */
@Repository
class SeenSignatures {

    /** Nodes' clocks differ a little: keep rows this much longer, or a node running behind would accept a replay. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** Expired rows are harmless, so they are deleted now and then rather than on every delivery of a burst. */
    static final Duration PURGE_EVERY = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    SeenSignatures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the signature as seen.
     *
     * @param signature lower-case hex, so the same bytes spelled in upper case are the same signature
     * @param expiresAt when its timestamp leaves the window
     * @return false when it was seen before: a replay
     */
    boolean firstSighting(String signature, Instant expiresAt) {
        Instant now = clock.instant();
        purgeNowAndThen(now);
        try {
            jdbc.sql("insert into seen_webhook_signature (signature, seen_at, expires_at) values (:s, :now, :expires)")
                    .param("s", signature).param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt))
                    .update();
            return true;
        } catch (DuplicateKeyException replay) {
            return false;
        }
    }

    /** Forgets a signature whose delivery was not stored after all, so the sender's identical retry is accepted. */
    void forget(String signature) {
        jdbc.sql("delete from seen_webhook_signature where signature = :s").param("s", signature).update();
    }

    private void purgeNowAndThen(Instant now) {
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_EVERY))) {
            return;
        }
        jdbc.sql("delete from seen_webhook_signature where expires_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(CLOCK_SKEW))).update();
    }
}
