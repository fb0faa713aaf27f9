package dk.consenthub.erasure;

import dk.consenthub.consent.Subjects;
import dk.consenthub.system.KeyedHasher;
import dk.consenthub.system.PayloadCipher;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure cases and their tasks. A case no operator asked for starts {@code VERIFYING} (no tasks yet: see
 * {@link ErasureVerification}), may wait {@code AWAITING_APPROVAL}, or ends {@code REJECTED} when Gecko contradicts
 * it. Once its tasks start, a case is {@code OPEN} until a task is finished, {@code PARTIAL} while some are,
 * {@code COMPLETED} when every task is done or not applicable; then the identifiers it held are wiped.
 */
@Repository
public class ErasureCases {

    public enum Status { VERIFYING, AWAITING_APPROVAL, OPEN, PARTIAL, COMPLETED, REJECTED }

    /** Who opens a case with tasks at once: an authenticated operator. Every other trigger is verified first. */
    public static final String OPERATOR_TRIGGER = "admin";

    /** A case still under way: verifying, waiting, or with tasks to finish. */
    static final String LIVE = "status not in ('COMPLETED', 'REJECTED')";

    /** @param created {@code false} when the subject already had an open case, which is returned instead */
    public record Opened(String caseId, boolean created) {
    }

    private final JdbcClient jdbc;
    private final Subjects subjects;
    private final PayloadCipher cipher;
    private final KeyedHasher hasher;
    private final List<ErasureTarget> targets;
    private final ErasureProperties properties;
    private final Clock clock;

    ErasureCases(JdbcClient jdbc, Subjects subjects, PayloadCipher cipher, KeyedHasher hasher, List<ErasureTarget> targets,
                 ErasureProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.cipher = cipher;
        this.hasher = hasher;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens a case with one task per target and scope, or returns the subject's open case. */
    @Transactional
    public Opened open(ErasureSubject subject, String trigger, String reason, String requestedBy) {
        Optional<String> open = openCaseOf(subject.subjectId())
                .or(() -> Optional.ofNullable(subject.geckoCustomerId()).flatMap(this::openCaseOfGeckoCustomer))
                .or(() -> Optional.ofNullable(subject.email()).flatMap(this::openCaseOfEmail));
        if (open.isPresent()) {
            return new Opened(open.get(), false);
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        boolean verified = OPERATOR_TRIGGER.equals(trigger);
        jdbc.sql("""
                insert into erasure_case (id, subject_id, subject_ref, trigger_source, reason, requested_by, requested_at,
                    deadline, status, gecko_customer_id, gecko_key, verify_at)
                values (:id, :subject, :ref, :trigger, :reason, :by, :now, :deadline, :status, :gecko, :geckoKey,
                    :verifyAt)
                """)
                .param("id", id).param("subject", subject.subjectId()).param("ref", subjectRef(subject.subjectId()))
                .param("trigger", trigger).param("reason", reason).param("by", requestedBy)
                .param("now", Timestamp.from(now)).param("deadline", Timestamp.from(now.plus(properties.deadline())))
                .param("status", (verified ? Status.OPEN : Status.VERIFYING).name())
                .param("gecko", subject.geckoCustomerId())
                .param("geckoKey", subject.geckoCustomerId() == null ? null : geckoKey(subject.geckoCustomerId()))
                .param("verifyAt", verified ? null : Timestamp.from(now))
                .update();
        setEmail(id, subject.email());
        if (verified) {
            release(id, null);
        }
        return new Opened(id, true);
    }

    /** The address the case's tasks erase: for a verified case, the one Gecko holds. */
    void setEmail(String caseId, String address) {
        PayloadCipher.Sealed email = address == null ? null
                : cipher.seal(address.trim().getBytes(StandardCharsets.UTF_8), "erasure_case", caseId);
        jdbc.sql("update erasure_case set email_key = :emailKey, key_id = :keyId, email = :email where id = :id")
                .param("emailKey", address == null ? null : subjects.emailKey(address))
                .param("keyId", email == null ? null : email.keyId()).param("email", email == null ? null : email.bytes())
                .param("id", caseId).update();
    }

    /**
     * Starts the case's tasks, one per target and scope, for the subject the case holds now.
     *
     * @param approvedBy the operator who let a held case go, {@code null} otherwise
     */
    @Transactional
    void release(String caseId, String approvedBy) {
        Instant now = clock.instant();
        int won = jdbc.sql("""
                update erasure_case set status = 'OPEN', released_at = :now, approved_by = :by, verify_at = null,
                    verify_lease_until = null
                where id = :id and released_at is null""")
                .param("now", Timestamp.from(now)).param("by", approvedBy).param("id", caseId).update();
        if (won == 0) {
            return; // already started
        }
        ErasureSubject subject = subjectOf(caseId);
        for (ErasureTarget target : targets) {
            List<String> scopes = target.scopes(subject);
            if (scopes.isEmpty()) {
                insertTask(caseId, target.name(), "-", TaskStatus.NOT_APPLICABLE, target.notApplicable(), now);
            }
            scopes.forEach(scope -> insertTask(caseId, target.name(), scope, target.initialStatus(), null, now));
        }
        refresh(caseId);
    }

    /** Closes a case Gecko contradicted: nothing was deleted; the identifiers it held are wiped. */
    void reject(String caseId, String why) {
        jdbc.sql("""
                update erasure_case set status = 'REJECTED', completed_at = :now, verification = :why, verify_at = null,
                    verify_lease_until = null, gecko_customer_id = null, email_key = null, key_id = null, email = null
                where id = :id and status = 'VERIFYING'""")
                .param("now", Timestamp.from(clock.instant())).param("why", why).param("id", caseId).update();
    }

    /** A pseudonymous reference for receipts: stable per subject, meaningless without the hub's secret. */
    public String subjectRef(String subjectId) {
        return "subject-" + hasher.hash("erasure-subject", subjectId).substring(0, 20);
    }

    public Optional<String> openCaseOf(String subjectId) {
        return jdbc.sql("select id from erasure_case where subject_id = :s and " + LIVE)
                .param("s", subjectId).query(String.class).optional();
    }

    private String geckoKey(String customerId) {
        return hasher.hash("erasure-gecko-customer", customerId);
    }

    /**
     * Any case of a Gecko customer, open or completed: a customer tagged for erasure whose case completed while Gecko
     * still lists them (anonymized, say) is not erased again on every scan. A rejected case does not count: Gecko
     * may carry the tag for real later.
     */
    public Optional<String> anyCaseOfGeckoCustomer(String customerId) {
        return jdbc.sql("select id from erasure_case where gecko_key = :k and status <> 'REJECTED' "
                        + "order by requested_at desc limit 1")
                .param("k", geckoKey(customerId)).query(String.class).optional();
    }

    /** Of these Gecko customers, those with an open case. */
    public List<String> openCasesOfGeckoCustomers(List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select gecko_customer_id from erasure_case where gecko_customer_id in (:ids) and " + LIVE)
                .param("ids", customerIds).query(String.class).list();
    }

    /** The open case of an address: the subject may already have lost it (the hub's own part runs first). */
    public Optional<String> openCaseOfEmail(String email) {
        return jdbc.sql("select id from erasure_case where email_key = :k and " + LIVE)
                .param("k", subjects.emailKey(email)).query(String.class).optional();
    }

    public Optional<String> openCaseOfGeckoCustomer(String customerId) {
        return jdbc.sql("select id from erasure_case where gecko_customer_id = :g and " + LIVE)
                .param("g", customerId).query(String.class).optional();
    }

    /** The identifiers a case holds for its tasks; empty once the case no longer needs them. */
    ErasureSubject subjectOf(String caseId) {
        return jdbc.sql("select subject_id, gecko_customer_id, key_id, email from erasure_case where id = :id")
                .param("id", caseId)
                .query((rs, n) -> new ErasureSubject(rs.getString("subject_id"), rs.getString("gecko_customer_id"),
                        rs.getBytes("email") == null ? null : new String(cipher.open(new PayloadCipher.Sealed(
                                rs.getString("key_id"), rs.getBytes("email")), "erasure_case", caseId),
                                StandardCharsets.UTF_8)))
                .single();
    }

    /** Recomputes a started case's status from its tasks; a completed case forgets the identifiers it held. */
    void refresh(String caseId) {
        List<TaskStatus> statuses = jdbc.sql("select status from erasure_task where case_id = :c").param("c", caseId)
                .query((rs, n) -> TaskStatus.valueOf(rs.getString(1))).list();
        if (statuses.isEmpty()) {
            return; // not started: verifying or waiting for approval
        }
        long finished = statuses.stream().filter(TaskStatus::finished).count();
        Status status = finished == statuses.size() ? Status.COMPLETED : finished > 0 ? Status.PARTIAL : Status.OPEN;
        if (status == Status.COMPLETED) {
            jdbc.sql("""
                    update erasure_case set status = 'COMPLETED', completed_at = :now, gecko_customer_id = null,
                        email_key = null, key_id = null, email = null
                    where id = :c and status in ('OPEN', 'PARTIAL')
                    """).param("now", Timestamp.from(clock.instant())).param("c", caseId).update();
        } else {
            jdbc.sql("update erasure_case set status = :s where id = :c and status in ('OPEN', 'PARTIAL')")
                    .param("s", status.name()).param("c", caseId).update();
        }
    }

    /** Failed tasks of a case are tried again from now (an admin decided the cause is fixed). */
    @Transactional
    public int retryFailed(String caseId) {
        int count = jdbc.sql("""
                update erasure_task set status = 'PENDING', attempts = 0, next_attempt_at = :now, updated_at = :now
                where case_id = :c and status = 'FAILED'
                """).param("now", Timestamp.from(clock.instant())).param("c", caseId).update();
        refresh(caseId);
        return count;
    }

    public boolean exists(String caseId) {
        return jdbc.sql("select count(*) from erasure_case where id = :id").param("id", caseId).query(Integer.class)
                .single() > 0;
    }

    public Optional<ErasureReceipt> receipt(String caseId) {
        return jdbc.sql(CASE_COLUMNS + " where id = :id").param("id", caseId).query((rs, n) -> receipt(rs)).optional();
    }

    /** Cases, newest first; {@code status} {@code null} for all. */
    public List<ErasureReceipt> list(Status status, int limit) {
        if (status == null) {
            return jdbc.sql(CASE_COLUMNS + " order by requested_at desc limit :limit").param("limit", limit)
                    .query((rs, n) -> receipt(rs)).list();
        }
        return jdbc.sql(CASE_COLUMNS + " where status = :s order by requested_at desc limit :limit")
                .param("s", status.name()).param("limit", limit).query((rs, n) -> receipt(rs)).list();
    }

    /** Every case of a subject, newest first: what an access report tells of the person's erasures. */
    public List<ErasureReceipt> ofSubject(String subjectId) {
        return jdbc.sql(CASE_COLUMNS + " where subject_id = :s order by requested_at desc").param("s", subjectId)
                .query((rs, n) -> receipt(rs)).list();
    }

    private static final String CASE_COLUMNS = """
            select id, subject_ref, status, trigger_source, reason, requested_by, requested_at, deadline, completed_at,
                verification, approved_by
            from erasure_case""";

    private ErasureReceipt receipt(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        List<ErasureReceipt.Task> tasks = jdbc.sql("""
                select target, scope, status, attempts, next_attempt_at, external_ref, outcome, updated_at, done_at
                from erasure_task where case_id = :c order by target, scope
                """).param("c", id).query((t, n) -> new ErasureReceipt.Task(t.getString("target"), t.getString("scope"),
                        t.getString("status"), t.getInt("attempts"), instant(t, "next_attempt_at"),
                        t.getString("external_ref"), t.getString("outcome"), instant(t, "updated_at"),
                        instant(t, "done_at"))).list();
        return new ErasureReceipt(id, rs.getString("subject_ref"), rs.getString("status"),
                rs.getString("trigger_source"), rs.getString("reason"), rs.getString("requested_by"),
                instant(rs, "requested_at"), instant(rs, "deadline"), instant(rs, "completed_at"),
                rs.getString("verification"), rs.getString("approved_by"), tasks, properties.kept());
    }

    private void insertTask(String caseId, String target, String scope, TaskStatus status, String outcome, Instant now) {
        jdbc.sql("""
                insert into erasure_task (id, case_id, target, scope, status, next_attempt_at, outcome, updated_at, done_at)
                values (:id, :c, :target, :scope, :status, :now, :outcome, :now, :done)
                """)
                .param("id", UUID.randomUUID().toString()).param("c", caseId).param("target", target)
                .param("scope", scope).param("status", status.name()).param("outcome", outcome)
                .param("now", Timestamp.from(now)).param("done", status.finished() ? Timestamp.from(now) : null)
                .update();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
