package dk.consenthub.failed;

import dk.consenthub.egress.CprDetector;
import dk.consenthub.system.PayloadCipher;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The failed-message store: one row per message given up on, its payload sealed with the active key. Every status
 * change is a compare-and-set on the current status, so two replays of the same message cannot both run it.
 */
@Repository
public class FailedMessageStore {

    public enum Status { FAILED, REPLAYING, RESOLVED, ARCHIVED }

    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"'(),;:]+@[^\\s@<>\"'(),;:]+\\.[A-Za-z]{2,}");

    private final JdbcClient jdbc;
    private final PayloadCipher cipher;
    private final CprDetector cpr;
    private final Clock clock;
    private final MeterRegistry meters;

    FailedMessageStore(JdbcClient jdbc, PayloadCipher cipher, CprDetector cpr, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.cpr = cpr;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Keeps a message the hub gave up on. An inbox event that is already kept (it failed before and was replayed)
     * updates its row: failed again, one attempt more, the new error. Nothing is ever kept twice.
     */
    public String record(FailedMessage message) {
        Timestamp now = Timestamp.from(clock.instant());
        Optional<String> existing = message.inboxEventId() == null ? Optional.empty()
                : jdbc.sql("select id from failed_message where inbox_event_id = :event order by first_failed_at limit 1")
                        .param("event", message.inboxEventId()).query(String.class).optional();
        String id;
        if (existing.isPresent() && failedAgain(existing.get(), message.target(), message.errorType(),
                message.messageType(), message.maskedMessage(), message.failedStep(), null)) {
            id = existing.get();
        } else {
            // new, or its earlier row was resolved or archived meanwhile: a new row, the earlier one stays as it is
            id = UUID.randomUUID().toString();
            PayloadCipher.Sealed sealed = cipher.seal(message.payload(), "failed_message", id);
            jdbc.sql("""
                    insert into failed_message (id, inbox_event_id, flow, failed_step, target, error_type, message_type,
                        group_key, masked_message, attempts, first_failed_at, last_failed_at, key_id, payload, status,
                        status_changed_at)
                    values (:id, :event, :flow, :step, :target, :errorType, :messageType, :group, :message, :attempts,
                        :now, :now, :keyId, :payload, 'FAILED', :now)
                    """)
                    .param("id", id).param("event", message.inboxEventId()).param("flow", message.flow())
                    .param("step", truncate(message.failedStep(), 200)).param("target", message.target())
                    .param("errorType", message.errorType()).param("messageType", message.messageType())
                    .param("group", truncate(message.groupKey(), 200))
                    .param("message", truncate(mask(message.maskedMessage()), 1000))
                    .param("attempts", message.attempts())
                    .param("now", now).param("keyId", sealed.keyId()).param("payload", sealed.bytes())
                    .update();
        }
        meters.counter("hub.failed.messages", "target", message.target(), "error_type", message.errorType()).increment();
        return id;
    }

    /**
     * A message failed once more (a replay, or the event it came from): back to {@code FAILED} with one attempt
     * more and the new error, which may move it to another group.
     *
     * @param expected the status it must be in, or {@code null} for any but {@code RESOLVED} and {@code ARCHIVED}
     */
    public boolean failedAgain(String id, String target, String errorType, String messageType, String maskedMessage,
                               String failedStep, Status expected) {
        Timestamp now = Timestamp.from(clock.instant());
        String group = truncate(FailedMessage.groupKey(target, errorType, messageType), 200);
        return jdbc.sql("""
                update failed_message set status = 'FAILED', attempts = attempts + 1, last_failed_at = :now,
                    status_changed_at = :now, target = :target, error_type = :errorType, group_key = :group,
                    masked_message = :message, failed_step = coalesce(:step, failed_step)
                where id = :id and status in (:expected)
                """)
                .param("now", now).param("target", target).param("errorType", errorType).param("group", group)
                .param("message", truncate(mask(maskedMessage), 1000)).param("step", truncate(failedStep, 200))
                .param("id", id)
                .param("expected", expected == null ? List.of(Status.FAILED.name(), Status.REPLAYING.name())
                        : List.of(expected.name()))
                .update() == 1;
    }

    /**
     * The inbox event was delivered after all (a replay, or a node that took over a dead node's replay): its failed
     * message, failed or being replayed, is resolved.
     */
    public void resolveForEvent(String inboxEventId) {
        jdbc.sql("""
                update failed_message set status = 'RESOLVED', status_changed_at = :now
                where inbox_event_id = :event and status in ('FAILED', 'REPLAYING')
                """).param("now", Timestamp.from(clock.instant())).param("event", inboxEventId).update();
    }

    /** Compare-and-set of one message's status; false when it was not in {@code from}. */
    public boolean transition(String id, Status from, Status to) {
        return jdbc.sql("""
                update failed_message set status = :to, status_changed_at = :now where id = :id and status = :from
                """).param("to", to.name()).param("now", Timestamp.from(clock.instant())).param("id", id)
                .param("from", from.name()).update() == 1;
    }

    /** Moves the listed messages, or a whole group, from one status to another; answers how many moved. */
    public int transition(List<String> ids, String group, Status from, Status to) {
        Timestamp now = Timestamp.from(clock.instant());
        if (group != null) {
            return jdbc.sql("""
                    update failed_message set status = :to, status_changed_at = :now
                    where group_key = :group and status = :from
                    """).param("to", to.name()).param("now", now).param("group", group).param("from", from.name())
                    .update();
        }
        int moved = 0;
        for (String id : ids) {
            moved += transition(id, from, to) ? 1 : 0;
        }
        return moved;
    }

    public Optional<Status> status(String id) {
        return jdbc.sql("select status from failed_message where id = :id").param("id", id)
                .query(String.class).optional().map(Status::valueOf);
    }

    /** The original message, decrypted: for the replay only, never shown. */
    public byte[] payload(String id) {
        return jdbc.sql("select key_id, payload from failed_message where id = :id").param("id", id)
                .query((rs, n) -> cipher.open(new PayloadCipher.Sealed(rs.getString(1), rs.getBytes(2)), "failed_message", id)).single();
    }

    /** Deletes resolved and archived messages whose status last changed before {@code before}. */
    public int purge(Instant before) {
        return jdbc.sql("""
                delete from failed_message where status in ('RESOLVED', 'ARCHIVED') and status_changed_at < :before
                """).param("before", Timestamp.from(before)).update();
    }

    /** Whether a failed message (in any status) still refers to the inbox event: its payload may be replayed. */
    public boolean refersTo(String inboxEventId) {
        return jdbc.sql("select count(*) from failed_message where inbox_event_id = :event")
                .param("event", inboxEventId).query(Long.class).single() > 0;
    }

    /** Hub-written texts carry no payload values; masking them again costs little and catches a slip. */
    String mask(String text) {
        return text == null ? null : EMAIL.matcher(cpr.redact(text)).replaceAll("[e-mail]");
    }

    /** Deletes the failed messages of the given inbox events (an erasure purges the subject's payloads). */
    /** A failed message as a person's access report shows it: no payload, no message text. */
    public record Summary(String id, String flow, String target, String errorType, String status, int attempts,
                          Instant firstFailedAt, Instant lastFailedAt) {
    }

    /** The failed messages that came from these inbox events, oldest first. */
    public List<Summary> forEvents(java.util.Collection<String> inboxEventIds) {
        if (inboxEventIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id, flow, target, error_type, status, attempts, first_failed_at, last_failed_at
                from failed_message where inbox_event_id in (:events) order by first_failed_at
                """).param("events", List.copyOf(inboxEventIds))
                .query((rs, n) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()))
                .list();
    }

    public int purgeForEvents(java.util.Collection<String> inboxEventIds) {
        int purged = 0;
        for (String id : inboxEventIds) {
            purged += jdbc.sql("delete from failed_message where inbox_event_id = :id").param("id", id).update();
        }
        return purged;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
