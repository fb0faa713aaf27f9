package dk.consenthub.failed;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replay runs: an admin's selection of failed messages, sent again through the step that failed, at a set pace,
 * in the background ({@code routes/failed-messages.camel.yaml}). A run is a row first; a node takes it under a
 * lease and works through it, so runs survive restarts. Each run leaves a record with its progress.
 */
@Component
public class Replays {

    public enum RunStatus { RUNNING, FINISHED }

    /** What became of one message of a run. */
    enum Outcome { SUCCEEDED, FAILED_AGAIN, SKIPPED }

    private final JdbcClient jdbc;
    private final FailedMessages messages;
    private final FailedProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    Replays(JdbcClient jdbc, FailedMessages messages, FailedProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Starts a run and answers at once; the run goes on in the background. The run and its items are written in
     * one transaction: a node polling for runs never takes one whose items are still being written.
     *
     * @param ratePerSecond messages per second, {@code null} for {@code hub.failed.replay-rate}
     * @param actor who started it, for the record
     */
    @Transactional
    public ReplayRun start(Selection selection, Double ratePerSecond, String actor) {
        double rate = ratePerSecond == null ? properties.replayRate() : ratePerSecond;
        if (!(rate > 0) || rate > properties.maxReplayRate()) {
            throw new InvalidSelectionException("ratePerSecond",
                    "must be more than 0 and at most " + properties.maxReplayRate());
        }
        List<String> ids = messages.select(selection);
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into replay_run (id, selection, rate_per_second, actor, status, total, started_at)
                values (:id, :selection, :rate, :actor, 'RUNNING', :total, :now)
                """).param("id", id).param("selection", selection.describe()).param("rate", rate)
                .param("actor", actor == null ? "unknown" : actor).param("total", ids.size())
                .param("now", Timestamp.from(clock.instant())).update();
        for (int position = 0; position < ids.size(); position++) {
            jdbc.sql("insert into replay_run_item (run_id, position, failed_message_id) values (:run, :position, :id)")
                    .param("run", id).param("position", position).param("id", ids.get(position)).update();
        }
        return run(id).orElseThrow();
    }

    public Optional<ReplayRun> run(String id) {
        return jdbc.sql("select * from replay_run where id = :id").param("id", id).query((rs, n) -> run(rs)).optional();
    }

    /** The most recent runs first. */
    public List<ReplayRun> history(int limit) {
        return jdbc.sql("select * from replay_run order by started_at desc, id limit :limit").param("limit", limit)
                .query((rs, n) -> run(rs)).list();
    }

    public List<ReplayRun> history() {
        return history(100);
    }

    /**
     * Takes the oldest run no node works on (or whose node's lease ran out) for {@code owner}; a compare-and-set,
     * so one node runs it.
     */
    Optional<String> claim(String owner) {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> candidates = jdbc.sql("""
                select id from replay_run where status = 'RUNNING' and (lease_until is null or lease_until < :now)
                order by started_at limit 5
                """).param("now", now).query(String.class).list();
        for (String id : candidates) {
            int taken = jdbc.sql("""
                    update replay_run set lease_owner = :owner, lease_until = :until
                    where id = :id and status = 'RUNNING' and (lease_until is null or lease_until < :now)
                    """).param("owner", owner).param("until", Timestamp.from(clock.instant().plus(properties.replayLease())))
                    .param("id", id).param("now", now).update();
            if (taken == 1) {
                releaseClaimedByADeadNode(id);
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * A run taken over from a node that died mid-message left that message {@code REPLAYING} (and its item
     * {@code CLAIMED}): it is put back to {@code FAILED} and replayed again, from this run. Only this run's claimed
     * items are touched; a message another run is replaying is not.
     */
    private void releaseClaimedByADeadNode(String runId) {
        jdbc.sql("""
                update failed_message set status = 'FAILED', status_changed_at = :now
                where status = 'REPLAYING' and id in (select failed_message_id from replay_run_item
                                                      where run_id = :run and outcome = 'CLAIMED')
                """).param("now", Timestamp.from(clock.instant())).param("run", runId).update();
        jdbc.sql("update replay_run_item set outcome = null where run_id = :run and outcome = 'CLAIMED'")
                .param("run", runId).update();
    }

    /** Marks the item whose message this run has just taken ({@code FAILED -> REPLAYING}). */
    void claimed(ReplayItem item) {
        jdbc.sql("update replay_run_item set outcome = 'CLAIMED' where run_id = :run and position = :position")
                .param("run", item.runId()).param("position", item.position()).update();
    }

    /** The run's messages not yet replayed, in order, each with the pause before it that keeps the run's pace. */
    List<ReplayItem> items(String runId) {
        double rate = jdbc.sql("select rate_per_second from replay_run where id = :id").param("id", runId)
                .query(Double.class).single();
        long pause = Math.round(1000 / rate);
        return jdbc.sql("""
                select position, failed_message_id from replay_run_item where run_id = :run and outcome is null
                order by position""")
                .param("run", runId)
                .query((rs, n) -> new ReplayItem(runId, rs.getInt(1), rs.getString(2), n == 0 ? 0 : pause)).list();
    }

    void outcome(ReplayItem item, Outcome outcome) {
        jdbc.sql("update replay_run_item set outcome = :outcome where run_id = :run and position = :position")
                .param("outcome", outcome.name()).param("run", item.runId()).param("position", item.position())
                .update();
        String counters = switch (outcome) {
            case SUCCEEDED -> "replayed = replayed + 1, succeeded = succeeded + 1";
            case FAILED_AGAIN -> "replayed = replayed + 1, failed_again = failed_again + 1";
            case SKIPPED -> "skipped = skipped + 1";
        };
        meters.counter("hub.failed.replays", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
        jdbc.sql("update replay_run set " + counters + ", lease_until = :until where id = :id")
                .param("until", Timestamp.from(clock.instant().plus(properties.replayLease())))
                .param("id", item.runId()).update();
    }

    void finish(String runId) {
        jdbc.sql("""
                update replay_run set status = 'FINISHED', finished_at = :now, lease_owner = null, lease_until = null
                where id = :id""")
                .param("now", Timestamp.from(clock.instant())).param("id", runId).update();
    }

    private static ReplayRun run(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ReplayRun(rs.getString("id"), rs.getString("selection"), rs.getDouble("rate_per_second"),
                rs.getString("actor"), RunStatus.valueOf(rs.getString("status")), rs.getInt("total"),
                rs.getInt("replayed"), rs.getInt("succeeded"), rs.getInt("failed_again"), rs.getInt("skipped"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant());
    }

    /**
     * A run's record. {@code replayed} counts the messages sent again ({@code succeeded + failedAgain});
     * {@code skipped} those not sent because they were no longer failed (already resolved, archived, or taken by
     * another run).
     */
    public record ReplayRun(String id, String selection, double ratePerSecond, String actor, RunStatus status,
                            int total, int replayed, int succeeded, int failedAgain, int skipped, Instant startedAt,
                            Instant finishedAt) {
    }

    /** One message of a run, as the replay route carries it. */
    public record ReplayItem(String runId, int position, String failedMessageId, long pauseMillis) {
    }
}
