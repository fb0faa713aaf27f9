package dk.consenthub.failed;

import dk.consenthub.system.PayloadCipher;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The failed-message store: one row per message given up on, its payload sealed with the active key. */
@Repository
public class FailedMessageStore {

    public enum Status { FAILED, REPLAYING, RESOLVED, ARCHIVED }

    private final JdbcClient jdbc;
    private final PayloadCipher cipher;
    private final Clock clock;
    private final MeterRegistry meters;

    FailedMessageStore(JdbcClient jdbc, PayloadCipher cipher, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.meters = meters;
    }

    public String record(FailedMessage message) {
        String id = UUID.randomUUID().toString();
        PayloadCipher.Sealed sealed = cipher.seal(message.payload());
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into failed_message (id, inbox_event_id, flow, failed_step, target, error_type, message_type,
                    group_key, masked_message, attempts, first_failed_at, last_failed_at, key_id, payload, status)
                values (:id, :event, :flow, :step, :target, :errorType, :messageType, :group, :message, :attempts,
                    :now, :now, :keyId, :payload, 'FAILED')
                """)
                .param("id", id).param("event", message.inboxEventId()).param("flow", message.flow())
                .param("step", truncate(message.failedStep(), 200)).param("target", message.target())
                .param("errorType", message.errorType()).param("messageType", message.messageType())
                .param("group", truncate(message.groupKey(), 200))
                .param("message", truncate(message.maskedMessage(), 1000)).param("attempts", message.attempts())
                .param("now", now).param("keyId", sealed.keyId()).param("payload", sealed.bytes())
                .update();
        meters.counter("hub.failed.messages", "target", message.target(), "error_type", message.errorType()).increment();
        return id;
    }

    /** Deletes the failed messages of the given inbox events (an erasure purges the subject's payloads). */
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
