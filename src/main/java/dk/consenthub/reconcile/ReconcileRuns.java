package dk.consenthub.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressException;
import dk.consenthub.reconcile.ReconcileRun.Mode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reconcile runs: one at a time across all nodes (a lock row with a lease), each recorded with its counts and
 * drift report, the Mailchimp watermark advanced when a run succeeds. Metrics: {@code hub.reconcile.runs{mode,status}}
 * counts runs, {@code hub.reconcile.drift{mode,kind}} shows the drift the last run of each mode found.
 */
@Repository("reconcileRuns")
public class ReconcileRuns {

    /** Exchange properties a trigger sets: the mode ({@code incremental}, {@code full}) and who asked. */
    public static final String MODE = "hubReconcileMode";
    public static final String TRIGGER = "hubReconcileTrigger";
    /** Set instead of {@link ReconcileRun#PROPERTY} when another run holds the lock: that run's id. */
    public static final String BUSY = "hubReconcileBusy";

    static final String MAILCHIMP_WATERMARK = "mailchimp";

    private static final Logger log = LoggerFactory.getLogger(ReconcileRuns.class);

    private final JdbcClient jdbc;
    private final ReconcileProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> driftGauges = new ConcurrentHashMap<>();

    ReconcileRuns(JdbcClient jdbc, ReconcileProperties properties, ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        for (Mode mode : Mode.values()) {
            for (String kind : ReconcileRun.DRIFT_KINDS) {
                if (mode == Mode.INCREMENTAL && ReconcileRun.FULL_RUN_KINDS.contains(kind)) {
                    continue;
                }
                AtomicLong value = new AtomicLong();
                driftGauges.put(mode.text() + "|" + kind, value);
                Gauge.builder("hub.reconcile.drift", value, AtomicLong::get)
                        .description("Drift the last reconcile run of this mode found, per kind")
                        .tag("mode", mode.text()).tag("kind", kind).register(meters);
            }
        }
    }

    /** A run as recorded; {@code drift} holds the counts per kind. */
    public record Record(String runId, String mode, String trigger, String status, Instant startedAt,
                         Instant finishedAt, int pagesRead, int customersSeen, int membersRead, int changes,
                         int writes, int batchWrites, int writeErrors, Map<String, Long> drift, String error) {
    }

    /**
     * Starts a run of the mode in {@link #MODE}: takes the lock and records the run as RUNNING, setting
     * {@link ReconcileRun#PROPERTY}. If another run holds the lock, sets {@link #BUSY} to its id instead.
     */
    public void start(Exchange exchange) {
        Mode mode = Mode.of(exchange.getProperty(MODE, String.class));
        String trigger = exchange.getProperty(TRIGGER, "schedule", String.class);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        int taken = jdbc.sql("""
                update reconcile_lock set run_id = :id, held_until = :until
                where id = 1 and (run_id is null or held_until < :now)
                """).param("id", id).param("until", Timestamp.from(now.plus(properties.lockLease())))
                .param("now", Timestamp.from(now)).update();
        if (taken == 0) {
            String holder = jdbc.sql("select run_id from reconcile_lock where id = 1").query(String.class).optional()
                    .orElse("unknown");
            exchange.setProperty(BUSY, holder);
            meters.counter("hub.reconcile.runs", "mode", mode.text(), "status", "skipped").increment();
            log.info("Reconcile {} ({}) not started: run {} is in progress", mode.text(), trigger, holder);
            return;
        }
        // whoever held the lock before ran out of time: its run did not finish
        jdbc.sql("update reconcile_run set status = 'ABANDONED', finished_at = :now where status = 'RUNNING'")
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("""
                insert into reconcile_run (id, mode, trigger_source, status, started_at)
                values (:id, :mode, :trigger, 'RUNNING', :now)
                """).param("id", id).param("mode", mode.text()).param("trigger", trigger)
                .param("now", Timestamp.from(now)).update();
        Instant since = mode == Mode.FULL ? null
                : mailchimpWatermark().map(mark -> mark.minus(properties.mailchimpOverlap())).orElse(null);
        exchange.setProperty(ReconcileRun.PROPERTY, new ReconcileRun(id, mode, trigger, now,
                properties.geckoPageSize(), properties.mailchimpPageSize(), since));
        log.info("Reconcile run {} started ({}, {})", id, mode.text(), trigger);
    }

    /**
     * Keeps the lock while the run works: called as it goes (each page, chunk, write), it extends the lease at most
     * every fifth of it. A run whose node died stops renewing, and its lock runs out.
     */
    public void renew(ReconcileRun run) {
        if (!run.lockDueForRenewal(properties.lockLease().dividedBy(5))) {
            return;
        }
        int renewed = jdbc.sql("update reconcile_lock set held_until = :until where id = 1 and run_id = :id")
                .param("until", Timestamp.from(clock.instant().plus(properties.lockLease())))
                .param("id", run.getId()).update();
        run.lockRenewed();
        if (renewed == 0) {
            log.warn("Reconcile run {} no longer holds the lock (its lease ran out); it goes on", run.getId());
        }
    }

    /** The run's work starts: on this thread, whichever trigger started it. */
    public void begin(Exchange exchange) {
        exchange.getProperty(ReconcileRun.PROPERTY, ReconcileRun.class).phases().begin();
    }

    /** Records the run as SUCCEEDED with its counts and drift, advances the watermark, releases the lock. */
    public void finish(Exchange exchange) {
        ReconcileRun run = exchange.getProperty(ReconcileRun.PROPERTY, ReconcileRun.class);
        run.phases().phaseDone("write");
        Instant newest = run.newestMemberChange();
        if (newest != null && mailchimpWatermark().map(newest::isAfter).orElse(true)) {
            saveWatermark(newest);
        }
        end(run, "SUCCEEDED", null);
        run.getDrift().forEach((kind, count) -> driftGauges.get(run.getMode().text() + "|" + kind).set(count));
        log.info("Reconcile run {} ({}) succeeded: {} pages, {} customers, {} members, {} changes, {} writes"
                        + " ({} batches, {} failed), drift {}, ms per phase {}", run.getId(), run.getMode().text(),
                run.getPagesRead(), run.getCustomersSeen(), run.getMembersRead(), run.getWrites().size(),
                run.getWritesMade(), run.getBatchWrites(), run.getWriteErrors(), run.getDrift(), run.phases().millis());
    }

    /** Records the run as FAILED with the hub's own description of the error, and releases the lock. */
    public void fail(Exchange exchange) {
        ReconcileRun run = exchange.getProperty(ReconcileRun.PROPERTY, ReconcileRun.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // only the hub's own texts: an exception from a parser or a driver may quote data
        String error = cause instanceof EgressException egress ? egress.errorType() + ": " + egress.getMessage()
                : cause == null ? "unknown error" : cause.getClass().getName();
        end(run, "FAILED", error);
        log.error("Reconcile run {} ({}) failed after {} pages: {}", run.getId(), run.getMode().text(),
                run.getPagesRead(), error);
    }

    private void end(ReconcileRun run, String status, String error) {
        Instant now = clock.instant();
        jdbc.sql("""
                update reconcile_run set status = :status, finished_at = :now, pages_read = :pages,
                    customers_seen = :customers, members_read = :members, changes = :changes, writes = :writes,
                    batch_writes = :batches, write_errors = :errors, drift = :drift, error = :error
                where id = :id
                """).param("status", status).param("now", Timestamp.from(now)).param("pages", run.getPagesRead())
                .param("customers", run.getCustomersSeen()).param("members", run.getMembersRead())
                .param("changes", run.getWrites().size()).param("writes", run.getWritesMade())
                .param("batches", run.getBatchWrites()).param("errors", run.getWriteErrors())
                .param("drift", writeDrift(run.getDrift()))
                .param("error", error == null ? null : error.substring(0, Math.min(1000, error.length())))
                .param("id", run.getId()).update();
        jdbc.sql("update reconcile_lock set run_id = null, held_until = null where id = 1 and run_id = :id")
                .param("id", run.getId()).update();
        meters.counter("hub.reconcile.runs", "mode", run.getMode().text(), "status", status.toLowerCase())
                .increment();
    }

    public Optional<Record> find(String runId) {
        return jdbc.sql("select * from reconcile_run where id = :id").param("id", runId)
                .query(this::record).optional();
    }

    Optional<Instant> mailchimpWatermark() {
        return jdbc.sql("select mark from reconcile_watermark where source = :s").param("s", MAILCHIMP_WATERMARK)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    private void saveWatermark(Instant mark) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("update reconcile_watermark set mark = :mark, updated_at = :now where source = :s")
                .param("mark", Timestamp.from(mark)).param("now", now).param("s", MAILCHIMP_WATERMARK).update();
        if (updated == 0) {
            jdbc.sql("insert into reconcile_watermark (source, mark, updated_at) values (:s, :mark, :now)")
                    .param("s", MAILCHIMP_WATERMARK).param("mark", Timestamp.from(mark)).param("now", now).update();
        }
    }

    private Record record(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Record(rs.getString("id"), rs.getString("mode"), rs.getString("trigger_source"),
                rs.getString("status"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getInt("pages_read"), rs.getInt("customers_seen"),
                rs.getInt("members_read"), rs.getInt("changes"), rs.getInt("writes"), rs.getInt("batch_writes"),
                rs.getInt("write_errors"), readDrift(rs.getString("drift")), rs.getString("error"));
    }

    private String writeDrift(Map<String, Long> drift) {
        try {
            return json.writeValueAsString(drift);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("drift counts could not be written", e);
        }
    }

    private Map<String, Long> readDrift(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, Long>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored drift counts are not JSON", e);
        }
    }
}
