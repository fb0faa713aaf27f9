package dk.consenthub.erasure;

import dk.consenthub.system.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verify before destroy. A case no operator asked for (a tag reported by a webhook or a scan, a retention rule)
 * deletes nothing until Gecko's REST API, read through {@code egress-gecko}, confirms it: the customer carries the
 * erasure tag, is really gone, or the retention rule holds on Gecko's current data. The addresses erased are the
 * ones Gecko holds. Gecko unreachable: the check is tried again later. Contradicted: the case is closed as
 * {@code REJECTED} with the reason, and audited.
 *
 * <p>
 * A confirmed case starts its tasks, unless {@code hub.erasure.auto-approve-limit} automatic cases already started
 * in the last hour: then it waits for an operator ({@code POST /admin/erasures/{id}/approve}). A hub that suddenly
 * wants to erase many people at once is more likely misled or misconfigured than asked by that many people.
 */
@Component("erasureVerification")
public class ErasureVerification {

    /** The case being verified, as a property of the exchange. */
    public static final String CHECK = "hubErasureCheck";

    /** What a verification is about; {@code geckoCustomerId} {@code null} for a subject Gecko never had. */
    public record ErasureCheck(String caseId, String subjectId, String geckoCustomerId, String trigger, String reason,
                               int attempts) {

        public boolean asksGecko() {
            return geckoCustomerId != null;
        }
    }

    /** Published when Gecko contradicts a case, for the audit log. */
    public record Rejected(String caseId, String trigger, String why) {
    }

    private static final Logger log = LoggerFactory.getLogger(ErasureVerification.class);

    private static final String DUE = """
            status = 'VERIFYING' and verify_at <= :now and (verify_lease_until is null or verify_lease_until < :now)""";

    private final JdbcClient jdbc;
    private final ErasureCases cases;
    private final RetentionRules retention;
    private final ErasureProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Counter held;

    ErasureVerification(JdbcClient jdbc, ErasureCases cases, RetentionRules retention, ErasureProperties properties,
                        ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.retention = retention;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.held = Counter.builder("hub.erasure.held").description(
                "Automatic erasure cases held for an operator's approval by hub.erasure.auto-approve-limit")
                .register(meters);
        Gauge.builder("hub.erasure.cases.awaiting.approval", this, v -> v.count("AWAITING_APPROVAL"))
                .description("Erasure cases waiting for an operator's approval").register(meters);
        Gauge.builder("hub.erasure.cases.verifying", this, v -> v.count("VERIFYING"))
                .description("Erasure cases waiting for Gecko to confirm them").register(meters);
    }

    /** Claims the cases due for a check (a lease each, so nodes share them); tells the scheduler if it found any. */
    public void claimDue(Exchange exchange) {
        Instant now = clock.instant();
        List<String> due = jdbc.sql("select id from erasure_case where " + DUE + " order by verify_at, id limit :n")
                .param("now", Timestamp.from(now)).param("n", properties.batchSize()).query(String.class).list();
        List<ErasureCheck> claimed = new ArrayList<>();
        for (String id : due) {
            int won = jdbc.sql("update erasure_case set verify_lease_until = :lease where id = :id and " + DUE)
                    .param("lease", Timestamp.from(now.plus(properties.lease()))).param("id", id)
                    .param("now", Timestamp.from(now)).update();
            if (won == 1) {
                claimed.add(jdbc.sql("""
                        select subject_id, gecko_customer_id, trigger_source, reason, verify_attempts
                        from erasure_case where id = :id""").param("id", id)
                        .query((rs, n) -> new ErasureCheck(id, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getInt(5))).single());
            }
        }
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
        exchange.getIn().setBody(claimed);
    }

    /** Makes the claimed case the flow's subject; the body is what Gecko says, once asked. */
    public void open(Exchange exchange) {
        ErasureCheck check = exchange.getIn().getBody(ErasureCheck.class);
        exchange.setProperty(CHECK, check);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(null);
    }

    /**
     * Decides on what Gecko showed: reject, hold for an operator, or start the tasks.
     *
     * @param gecko what Gecko showed, {@code null} when the subject is no Gecko customer (Gecko was not asked)
     */
    @Transactional
    public void decide(@Body CustomerLookup gecko, @ExchangeProperty(CHECK) ErasureCheck check) {
        Optional<String> contradiction = contradiction(check, gecko);
        if (contradiction.isPresent()) {
            cases.reject(check.caseId(), contradiction.get());
            events.publishEvent(new Rejected(check.caseId(), check.trigger(), contradiction.get()));
            log.warn("Erasure case {} ({}) rejected, nothing was deleted: {}", check.caseId(), check.trigger(),
                    contradiction.get());
            return;
        }
        if (gecko != null && gecko.found()) {
            cases.setEmail(check.caseId(), gecko.customer().email()); // Gecko's address, never a webhook's
        }
        String confirmed = gecko == null ? "confirmed on the hub's own data (not a Gecko customer)"
                : gecko.found() ? "confirmed by Gecko" : "confirmed: Gecko no longer has the customer";
        if (startedAutomaticallyInTheLastHour() >= properties.autoApproveLimit()) {
            hold(check, confirmed);
            return;
        }
        jdbc.sql("update erasure_case set verification = :v where id = :id").param("v", confirmed)
                .param("id", check.caseId()).update();
        cases.release(check.caseId(), null);
        log.info("Erasure case {} ({}) {}: its tasks start", check.caseId(), check.trigger(), confirmed);
    }

    /** Gecko could not be asked: the case waits and is checked again, with a growing pause. */
    public void retryLater(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause,
                           @ExchangeProperty(CHECK) ErasureCheck check) {
        int attempts = check.attempts() + 1;
        Duration pause = Backoff.after(attempts, properties.retryDelay());
        String why = "waiting: Gecko could not confirm the case (attempt " + attempts + "): "
                + ErasureQueue.describe(cause);
        jdbc.sql("""
                update erasure_case set verify_attempts = :attempts, verify_at = :next, verify_lease_until = null,
                    verification = :why
                where id = :id and status = 'VERIFYING'""")
                .param("attempts", attempts).param("next", Timestamp.from(clock.instant().plus(pause)))
                .param("why", why.length() <= 500 ? why : why.substring(0, 500)).param("id", check.caseId()).update();
        log.warn("Erasure case {} could not be verified with Gecko (attempt {}), next try in {}: {}", check.caseId(),
                attempts, pause, ErasureQueue.describe(cause));
    }

    /**
     * An operator lets a held case go: its tasks start.
     *
     * @return {@code false} when the case is not waiting for approval
     */
    @Transactional
    public boolean approve(String caseId, String operator) {
        int waiting = jdbc.sql("update erasure_case set status = 'VERIFYING' where id = :id and status = 'AWAITING_APPROVAL'")
                .param("id", caseId).update();
        if (waiting == 0) {
            return false;
        }
        cases.release(caseId, operator);
        log.info("Erasure case {} approved by an operator: its tasks start", caseId);
        return true;
    }

    private Optional<String> contradiction(ErasureCheck check, CustomerLookup gecko) {
        if (ErasureRequests.TAG_TRIGGER.equals(check.trigger())) {
            if (gecko == null || !gecko.found()) {
                return Optional.of("Gecko has no customer with this id: the erasure tag is not confirmed");
            }
            if (gecko.customer().tags().stream().noneMatch(tag -> tag.equalsIgnoreCase(properties.requestTag()))) {
                return Optional.of("Gecko does not show the erasure tag on the customer");
            }
            return Optional.empty();
        }
        return retention.contradiction(check.reason(), gecko == null ? null : gecko.customer());
    }

    private long startedAutomaticallyInTheLastHour() {
        return jdbc.sql("""
                select count(*) from erasure_case
                where trigger_source <> :operator and approved_by is null and released_at > :since and released_at <= :now""")
                .param("operator", ErasureCases.OPERATOR_TRIGGER).param("now", Timestamp.from(clock.instant()))
                .param("since", Timestamp.from(clock.instant().minus(Duration.ofHours(1)))).query(Long.class).single();
    }

    private void hold(ErasureCheck check, String confirmed) {
        jdbc.sql("""
                update erasure_case set status = 'AWAITING_APPROVAL', verify_at = null, verify_lease_until = null,
                    verification = :v
                where id = :id and status = 'VERIFYING'""")
                .param("v", confirmed + "; held: more than " + properties.autoApproveLimit()
                        + " automatic erasures in the last hour, an operator must approve")
                .param("id", check.caseId()).update();
        held.increment();
        log.warn("Erasure case {} ({}) is held for an operator's approval: {} automatic erasures already started in the "
                + "last hour (hub.erasure.auto-approve-limit). Approve it with POST /admin/erasures/{}/approve or on "
                + "the admin page.", check.caseId(), check.trigger(), properties.autoApproveLimit(), check.caseId());
    }

    private long count(String status) {
        return jdbc.sql("select count(*) from erasure_case where status = :s").param("s", status).query(Long.class)
                .single();
    }
}
