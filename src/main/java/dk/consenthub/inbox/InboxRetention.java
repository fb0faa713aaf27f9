package dk.consenthub.inbox;

import dk.consenthub.failed.FailedMessageStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes processed inbox events once {@code hub.inbox.retention} has passed: a stored payload lives no longer than
 * the hub needs it. A failed event stays while a failed message refers to it (it may be replayed); once the failed
 * store's own retention has removed that message, the event goes at the next purge.
 */
@Component("inboxRetention")
public class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final InboxStore inbox;
    private final FailedMessageStore failedMessages;
    private final InboxProperties properties;
    private final Clock clock;

    InboxRetention(InboxStore inbox, FailedMessageStore failedMessages, InboxProperties properties, Clock clock) {
        this.inbox = inbox;
        this.failedMessages = failedMessages;
        this.properties = properties;
        this.clock = clock;
    }

    /** Answers how many events were deleted. */
    public int purge() {
        Instant before = clock.instant().minus(properties.retention());
        int done = inbox.purgeProcessed(before);
        long failed = inbox.failedBefore(before).stream()
                .filter(id -> !failedMessages.refersTo(id) && inbox.purgeFailed(id)).count();
        log.info("Inbox retention: {} processed and {} failed event(s) finished more than {} ago deleted", done, failed,
                properties.retention());
        return done + (int) failed;
    }
}
