package dk.consenthub.erasure;

import dk.consenthub.egress.EgressException;
import dk.consenthub.egress.RateLimitedException;
import dk.consenthub.egress.TerminalEgressException;
import dk.consenthub.system.Backoff;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code erasure} flow around each target's work: claim due tasks (a lease per task, so nodes
 * share the work), record what the target reported, and decide what a failure means for the task.
 */
@Component("erasureQueue")
public class ErasureQueue {

    public static final String WORK = "hubErasureWork";

    private static final Logger log = LoggerFactory.getLogger(ErasureQueue.class);

    private static final String DUE = """
            ((status in ('PENDING', 'DEFERRED', 'MANUAL') and next_attempt_at <= :now)
             or (status = 'IN_PROGRESS' and lease_until < :now))""";

    private final JdbcClient jdbc;
    private final ErasureCases cases;
    private final ErasureProperties properties;
    private final Map<String, ErasureTarget> targets;
    private final Clock clock;

    ErasureQueue(JdbcClient jdbc, ErasureCases cases, ErasureProperties properties, List<ErasureTarget> targets,
                 Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.properties = properties;
        this.targets = targets.stream().collect(Collectors.toMap(ErasureTarget::name, Function.identity()));
        this.clock = clock;
    }

    /** Claims a batch of due tasks; tells the scheduler whether it found work, so it polls again at once. */
    public void claimDue(Exchange exchange) {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> candidates = jdbc.sql("select id from erasure_task where " + DUE
                        + " order by next_attempt_at, id limit :n")
                .param("now", now).param("n", properties.batchSize()).query(String.class).list();
        List<ErasureWork> claimed = new ArrayList<>();
        Timestamp lease = Timestamp.from(clock.instant().plus(properties.lease()));
        for (String id : candidates) {
            int won = jdbc.sql("update erasure_task set status = 'IN_PROGRESS', lease_until = :lease where id = :id and "
                    + DUE).param("lease", lease).param("id", id).param("now", now).update();
            if (won == 1) {
                claimed.add(work(id));
            }
        }
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
        exchange.getIn().setBody(claimed);
    }

    private ErasureWork work(String taskId) {
        record Row(String caseId, String target, String scope, int attempts) {
        }
        Row row = jdbc.sql("select case_id, target, scope, attempts from erasure_task where id = :id").param("id", taskId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4))).single();
        return new ErasureWork(taskId, row.caseId(), row.target(), row.scope(), row.attempts(), cases.subjectOf(row.caseId()));
    }

    /** Makes the claimed task the flow's subject: kept as a property, the target name routes it. */
    public void open(Exchange exchange) {
        ErasureWork work = exchange.getIn().getBody(ErasureWork.class);
        exchange.setProperty(WORK, work);
        exchange.getIn().removeHeaders("*");
    }

    /** Records what the target reported: done, or still waiting for staff (then asks again later). */
    public void finish(@Body TaskOutcome outcome, @ExchangeProperty(WORK) ErasureWork work) {
        Instant now = clock.instant();
        Instant next = outcome.status() == TaskStatus.MANUAL ? now.plus(properties.manualCheckInterval()) : now;
        update(work, outcome.status(), work.attempts() + (outcome.status() == TaskStatus.DONE ? 1 : 0), next,
                outcome.externalRef(), outcome.outcome());
    }

    /**
     * A quota or a rate limit defers the task to when the target allows it, without counting against it. A
     * retryable failure tries again with a growing pause until {@code max-attempts}; a terminal one fails the
     * task, unless the target says the data is already gone.
     */
    public void recordFailure(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause,
                              @ExchangeProperty(WORK) ErasureWork work) {
        Instant now = clock.instant();
        int attempts = work.attempts() + 1;
        if (cause instanceof ErasureDeferredException deferred) {
            update(work, TaskStatus.DEFERRED, work.attempts(), deferred.until(), null, deferred.getMessage());
        } else if (cause instanceof RateLimitedException limited) {
            Duration wait = limited.retryAfter().orElse(properties.retryDelay());
            update(work, TaskStatus.DEFERRED, attempts, now.plus(wait), null, describe(limited));
        } else if (cause instanceof TerminalEgressException terminal) {
            Optional<String> gone = Optional.ofNullable(targets.get(work.target()))
                    .flatMap(target -> target.alreadyGone(terminal.errorType()));
            if (gone.isPresent()) {
                update(work, TaskStatus.DONE, attempts, now, null, gone.get());
            } else {
                update(work, TaskStatus.FAILED, attempts, now, null, describe(terminal));
            }
        } else if (attempts < properties.maxAttempts()) {
            Duration pause = Backoff.after(attempts, properties.retryDelay());
            update(work, TaskStatus.PENDING, attempts, now.plus(pause), null, describe(cause));
        } else {
            update(work, TaskStatus.FAILED, attempts, now, null, describe(cause));
        }
        log.warn("Erasure task {} ({}) of case {} did not finish (attempt {}): {}", work.taskId(), work.target(),
                work.caseId(), attempts, describe(cause));
    }

    /** Only the hub's own texts: egress messages name status and error code, never a value. */
    static String describe(Throwable cause) {
        return cause instanceof ErasureDeferredException ? cause.getMessage() : EgressException.describe(cause);
    }

    private void update(ErasureWork work, TaskStatus status, int attempts, Instant next, String externalRef,
                        String outcome) {
        Instant now = clock.instant();
        jdbc.sql("""
                update erasure_task set status = :status, attempts = :attempts, next_attempt_at = :next, lease_until = null,
                    external_ref = coalesce(:ref, external_ref), outcome = :outcome, updated_at = :now,
                    done_at = :done
                where id = :id
                """)
                .param("status", status.name()).param("attempts", attempts).param("next", Timestamp.from(next))
                .param("ref", externalRef).param("outcome", outcome == null ? null : truncate(outcome))
                .param("now", Timestamp.from(now)).param("done", status.finished() ? Timestamp.from(now) : null)
                .param("id", work.taskId()).update();
        cases.refresh(work.caseId());
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
