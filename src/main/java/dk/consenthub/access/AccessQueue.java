package dk.consenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import dk.consenthub.egress.EgressException;
import dk.consenthub.egress.RateLimitedException;
import dk.consenthub.egress.TerminalEgressException;
import dk.consenthub.system.Backoff;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code access} flow around each system's part: claim due tasks (a lease each, so nodes share the
 * work), keep the section the system's route made, and decide what a failure means: a rate limit or a retryable
 * failure is tried again later, a terminal one (or the last attempt) fails the task and the case becomes partial.
 */
@Component("accessQueue")
public class AccessQueue {

    public static final String WORK = "hubAccessWork";

    private static final Logger log = LoggerFactory.getLogger(AccessQueue.class);

    private static final String DUE = """
            ((status = 'PENDING' and next_attempt_at <= :now) or (status = 'IN_PROGRESS' and lease_until < :now))""";

    private final JdbcClient jdbc;
    private final AccessCases cases;
    private final AccessProperties properties;
    private final Clock clock;

    AccessQueue(JdbcClient jdbc, AccessCases cases, AccessProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claims the due tasks; tells the scheduler whether it found work, so it polls again at once. */
    public void claimDue(Exchange exchange) {
        cases.readyToComplete().forEach(cases::completeIfDone);
        Timestamp now = Timestamp.from(clock.instant());
        List<String> due = jdbc.sql("select id from access_task where " + DUE + " order by next_attempt_at, id limit 20")
                .param("now", now).query(String.class).list();
        Timestamp lease = Timestamp.from(clock.instant().plus(properties.lease()));
        List<AccessWork> claimed = new ArrayList<>();
        for (String id : due) {
            if (jdbc.sql("update access_task set status = 'IN_PROGRESS', lease_until = :lease where id = :id and " + DUE)
                    .param("lease", lease).param("id", id).param("now", now).update() == 1) {
                claimed.add(jdbc.sql("select case_id, target, attempts from access_task where id = :id").param("id", id)
                        .query((rs, n) -> new AccessWork(id, rs.getString(1), rs.getString(2), rs.getInt(3),
                                cases.subjectOf(rs.getString(1)))).single());
            }
        }
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
        exchange.getIn().setBody(claimed);
    }

    /** Makes the claimed task the flow's subject: kept as a property, the target name routes it. */
    public void open(Exchange exchange) {
        exchange.setProperty(WORK, exchange.getIn().getBody(AccessWork.class));
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(null);
    }

    /** Keeps the section the system's route made. */
    public void finish(@Body JsonNode section, @ExchangeProperty(WORK) AccessWork work) {
        cases.finish(work.taskId(), work.caseId(), section, "answered");
    }

    public void recordFailure(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause,
                              @ExchangeProperty(WORK) AccessWork work) {
        Instant now = clock.instant();
        int attempts = work.attempts() + 1;
        Instant next;
        if (cause instanceof RateLimitedException limited) {
            next = now.plus(limited.retryAfter().orElse(properties.retryDelay()));
        } else if (cause instanceof TerminalEgressException || attempts >= properties.maxAttempts()) {
            next = null;
        } else {
            next = now.plus(Backoff.after(attempts, properties.retryDelay()));
        }
        String reason = EgressException.describe(cause);
        cases.fail(work.taskId(), work.caseId(), attempts, next, reason);
        log.warn("Access task {} ({}) of case {} did not finish (attempt {}{}): {}", work.taskId(), work.target(),
                work.caseId(), attempts, next == null ? ", given up" : "", reason);
    }
}
