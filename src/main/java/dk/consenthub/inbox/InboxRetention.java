package dk.consenthub.inbox;

import dk.consenthub.failed.FailedMessageStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes processed inbox events once {@code hub.inbox.retention} has passed: a stored payload lives no longer than
 * the hub needs it. A failed event stays while a failed message refers to it (it may be replayed); once the failed
 * store's own retention has removed that message, the event goes at the next purge.
 */
@Component("inboxRetention")
public class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final JdbcClient jdbc;
    private final FailedMessageStore failedMessages;
    private final InboxProperties properties;
    private final Clock clock;

    InboxRetention(JdbcClient jdbc, FailedMessageStore failedMessages, InboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.failedMessages = failedMessages;
        this.properties = properties;
        this.clock = clock;
    }

    /** Answers how many events were deleted. */
    public int purge() {
        Instant before = clock.instant().minus(properties.retention());
        Timestamp cutoff = Timestamp.from(before);
        int done = jdbc.sql("delete from inbox_event where status = 'DONE' and processed_at < :before")
                .param("before", cutoff).update();
        List<String> failedIds = jdbc.sql(
                "select id from inbox_event where status = 'FAILED' and processed_at < :before order by seq")
                .param("before", cutoff).query(String.class).list();
        // a failed event goes only while still FAILED and no failed message refers to it
        long failed = failedIds.stream().filter(id -> !failedMessages.refersTo(id) && jdbc.sql(
                "delete from inbox_event where id = :id and status = 'FAILED'").param("id", id).update() == 1).count();
        log.info("Inbox retention: {} processed and {} failed event(s) finished more than {} ago deleted", done, failed,
                properties.retention());
        return done + (int) failed;
    }
}
