package dk.consenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.consenthub.system.PayloadCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access cases and their tasks, one per system. A case is {@code OPEN} while a task is to do; once none is, its
 * report is made from the systems' sections (each sealed while it waits) and the case is {@code COMPLETED}, or
 * {@code PARTIAL} when a system could not answer, with the reason. Then the identifiers it held are wiped: only the
 * sealed report keeps them, until it expires.
 */
@Repository
public class AccessCases {

    public enum Status { OPEN, COMPLETED, PARTIAL }

    /** The systems a report covers, in the report's order. */
    static final List<String> TARGETS = List.of("gecko", "mailchimp", "google", "hub");

    static final String LIVE = "status = 'OPEN'";
    static final String UNFINISHED = "('PENDING', 'IN_PROGRESS')";

    private final JdbcClient jdbc;
    private final PayloadCipher cipher;
    private final ObjectMapper json;
    private final AccessDeadlines deadlines;
    private final AccessProperties properties;
    private final Clock clock;

    AccessCases(JdbcClient jdbc, PayloadCipher cipher, ObjectMapper json, AccessDeadlines deadlines,
                AccessProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
        this.deadlines = deadlines;
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens a case with a task per system; a system that cannot hold the person is not applicable at once. */
    @Transactional
    String open(AccessSubject subject, String requestedBy) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        PayloadCipher.Sealed email = subject.email() == null ? null
                : cipher.seal(subject.email().getBytes(StandardCharsets.UTF_8), "access_case", id);
        jdbc.sql("""
                insert into access_case (id, subject_id, requested_by, requested_at, deadline, status, gecko_customer_id,
                    key_id, email)
                values (:id, :subject, :by, :now, :deadline, 'OPEN', :gecko, :keyId, :email)""")
                .param("id", id).param("subject", subject.subjectId()).param("by", requestedBy)
                .param("now", Timestamp.from(now)).param("deadline", Timestamp.from(deadlines.deadline(now)))
                .param("gecko", subject.geckoCustomerId()).param("keyId", email == null ? null : email.keyId())
                .param("email", email == null ? null : email.bytes()).update();
        for (String target : TARGETS) {
            String notApplicable = notApplicable(target, subject);
            jdbc.sql("""
                    insert into access_task (id, case_id, target, status, next_attempt_at, outcome, updated_at, done_at)
                    values (:id, :c, :target, :status, :now, :outcome, :now, :done)""")
                    .param("id", UUID.randomUUID().toString()).param("c", id).param("target", target)
                    .param("status", notApplicable == null ? "PENDING" : "NOT_APPLICABLE")
                    .param("outcome", notApplicable).param("now", Timestamp.from(now))
                    .param("done", notApplicable == null ? null : Timestamp.from(now)).update();
        }
        return id;
    }

    private static String notApplicable(String target, AccessSubject subject) {
        if (target.equals("gecko") && subject.geckoCustomerId() == null) {
            return "no Gecko customer id is known for this person: Gecko was not asked";
        }
        if (target.equals("mailchimp") && subject.email() == null) {
            return "no e-mail address is known for this person: Mailchimp was not asked";
        }
        return null;
    }

    AccessSubject subjectOf(String caseId) {
        return jdbc.sql("select subject_id, gecko_customer_id, key_id, email from access_case where id = :id")
                .param("id", caseId)
                .query((rs, n) -> new AccessSubject(rs.getString(1), rs.getString(2), rs.getBytes(4) == null ? null
                        : new String(cipher.open(new PayloadCipher.Sealed(rs.getString(3), rs.getBytes(4)),
                                "access_case", caseId), StandardCharsets.UTF_8)))
                .single();
    }

    /** A task's section of the report, sealed until the report is made. */
    void finish(String taskId, String caseId, JsonNode section, String outcome) {
        PayloadCipher.Sealed sealed = cipher.seal(bytes(section), "access_task", taskId);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                update access_task set status = 'DONE', attempts = attempts + 1, lease_until = null, outcome = :outcome,
                    key_id = :keyId, section = :section, updated_at = :now, done_at = :now
                where id = :id""")
                .param("outcome", outcome).param("keyId", sealed.keyId()).param("section", sealed.bytes())
                .param("now", now).param("id", taskId).update();
        completeIfDone(caseId);
    }

    /** A failure: tried again at {@code next}, or, with {@code next} {@code null}, given up (the case is partial). */
    void fail(String taskId, String caseId, int attempts, Instant next, String outcome) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                update access_task set status = :status, attempts = :attempts, next_attempt_at = :next,
                    lease_until = null, outcome = :outcome, updated_at = :now
                where id = :id""")
                .param("status", next == null ? "FAILED" : "PENDING").param("attempts", attempts)
                .param("next", Timestamp.from(next == null ? now.toInstant() : next))
                .param("outcome", outcome.length() <= 500 ? outcome : outcome.substring(0, 500))
                .param("now", now).param("id", taskId).update();
        completeIfDone(caseId);
    }

    /** Makes the report once no task is left to do; of two nodes finishing the last tasks at once, one writes it. */
    @Transactional
    void completeIfDone(String caseId) {
        record Row(String target, String status, String outcome, String keyId, byte[] section, String id) {
        }
        List<Row> tasks = jdbc.sql("select target, status, outcome, key_id, section, id from access_task where case_id = :c")
                .param("c", caseId).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBytes(5), rs.getString(6))).list();
        if (tasks.stream().anyMatch(t -> t.status().equals("PENDING") || t.status().equals("IN_PROGRESS"))) {
            return;
        }
        Instant now = clock.instant();
        AccessSubject subject = subjectOf(caseId);
        ObjectNode report = json.createObjectNode();
        report.put("caseId", caseId);
        report.put("madeAt", now.toString());
        report.putObject("subject").put("geckoCustomerId", subject.geckoCustomerId()).put("email", subject.email());
        ObjectNode systems = report.putObject("systems");
        List<String> failed = new ArrayList<>();
        for (String target : TARGETS) {
            Row task = tasks.stream().filter(t -> t.target().equals(target)).findFirst().orElseThrow();
            ObjectNode section = task.section() == null ? json.createObjectNode() : (ObjectNode) read(cipher.open(
                    new PayloadCipher.Sealed(task.keyId(), task.section()), "access_task", task.id()));
            section.put("status", task.status()).put("outcome", task.outcome());
            systems.set(target, section);
            if (task.status().equals("FAILED")) {
                failed.add(target + ": " + task.outcome());
            }
        }
        Status status = failed.isEmpty() ? Status.COMPLETED : Status.PARTIAL;
        String reason = failed.isEmpty() ? null : String.join("; ", failed);
        report.put("status", status.name()).put("reason", reason);
        PayloadCipher.Sealed sealed = cipher.seal(bytes(report), "access_case", caseId);
        int won = jdbc.sql("""
                update access_case set status = :status, reason = :reason, completed_at = :now, report_key_id = :keyId,
                    report = :report, expires_at = :expires, gecko_customer_id = null, key_id = null, email = null
                where id = :id and status = 'OPEN'""")
                .param("status", status.name()).param("reason", reason == null || reason.length() <= 1000 ? reason
                        : reason.substring(0, 1000)).param("now", Timestamp.from(now))
                .param("keyId", sealed.keyId()).param("report", sealed.bytes())
                .param("expires", Timestamp.from(now.plus(properties.retention()))).param("id", caseId).update();
        if (won == 1) {
            jdbc.sql("update access_task set key_id = null, section = null where case_id = :c").param("c", caseId)
                    .update();
        }
    }

    /** Open cases none of whose tasks is left: a node stopped between a task and the report. */
    List<String> readyToComplete() {
        return jdbc.sql("select id from access_case c where " + LIVE + " and not exists (select 1 from access_task t "
                + "where t.case_id = c.id and t.status in " + UNFINISHED + ")").query(String.class).list();
    }

    public Optional<AccessCase> find(String caseId) {
        return jdbc.sql(CASE_COLUMNS + " where id = :id").param("id", caseId).query((rs, n) -> view(rs)).optional();
    }

    /** Cases, newest first. */
    public List<AccessCase> list(int limit) {
        return jdbc.sql(CASE_COLUMNS + " order by requested_at desc limit :limit").param("limit", limit)
                .query((rs, n) -> view(rs)).list();
    }

    private static final String CASE_COLUMNS = """
            select id, status, reason, requested_by, requested_at, deadline, completed_at, expires_at,
                report is not null as available
            from access_case""";

    private AccessCase view(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        List<AccessCase.Task> tasks = jdbc.sql("""
                select target, status, attempts, outcome, done_at from access_task where case_id = :c""")
                .param("c", id).query((t, n) -> new AccessCase.Task(t.getString(1), t.getString(2), t.getInt(3),
                        t.getString(4), instant(t, "done_at"))).list().stream()
                .sorted(java.util.Comparator.comparingInt(t -> TARGETS.indexOf(t.target()))).toList();
        return new AccessCase(id, rs.getString("status"), rs.getString("reason"), rs.getString("requested_by"),
                instant(rs, "requested_at"), instant(rs, "deadline"), instant(rs, "completed_at"),
                instant(rs, "expires_at"), rs.getBoolean("available"), tasks);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
