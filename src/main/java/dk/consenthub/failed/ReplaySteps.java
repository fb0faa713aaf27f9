package dk.consenthub.failed;

import dk.consenthub.failed.FailedMessageStore.Status;
import dk.consenthub.failed.Replays.Outcome;
import dk.consenthub.failed.Replays.ReplayItem;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of a replay run ({@code routes/failed-messages.camel.yaml}): claim a message (only a failed one, by
 * compare-and-set), hand it to the flow that failed, and record what became of it.
 */
@Component("failedReplays")
public class ReplaySteps {

    /** Set while a failed message is replayed: its id. The flows tell the store how it went. */
    public static final String FAILED_MESSAGE_ID = "hubReplayFailedMessageId";
    public static final String INBOX_EVENT_ID = "hubReplayInboxEventId";
    public static final String MESSAGE_TYPE = "hubReplayMessageType";
    static final String ITEM = "hubReplayItem";
    static final String CLAIMED = "hubReplayClaimed";

    private static final Logger log = LoggerFactory.getLogger(ReplaySteps.class);

    private final Replays replays;
    private final FailedMessages messages;
    private final FailedMessageStore store;
    private final String owner = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    ReplaySteps(Replays replays, FailedMessages messages, FailedMessageStore store) {
        this.replays = replays;
        this.messages = messages;
        this.store = store;
    }

    /** The next run to work on, for this node; null when there is none. */
    public String claimRun() {
        return replays.claim(owner).orElse(null);
    }

    /** Body: the run id; becomes the run's items. */
    public List<ReplayItem> items(String runId) {
        return replays.items(runId);
    }

    /**
     * {@code FAILED -> REPLAYING}, or nothing: a message that is resolved, archived or being replayed by another
     * run is not sent again. The properties say what it is and where it goes.
     */
    public void claim(Exchange exchange) {
        ReplayItem item = exchange.getIn().getBody(ReplayItem.class);
        exchange.setProperty(ITEM, item);
        boolean claimed = store.transition(item.failedMessageId(), Status.FAILED, Status.REPLAYING);
        exchange.setProperty(CLAIMED, claimed);
        if (!claimed) {
            return;
        }
        replays.claimed(item);
        FailedMessages.View message = messages.view(item.failedMessageId()).orElseThrow();
        exchange.setProperty(FAILED_MESSAGE_ID, message.id());
        exchange.setProperty(INBOX_EVENT_ID, message.inboxEventId());
        exchange.setProperty(MESSAGE_TYPE, message.messageType());
    }

    /** The claimed message's original payload, decrypted, becomes the body. */
    public void open(Exchange exchange) {
        exchange.getIn().setBody(store.payload(item(exchange).failedMessageId()));
    }

    public void skipped(Exchange exchange) {
        replays.outcome(item(exchange), Outcome.SKIPPED);
    }

    /** The flow ran to its end. */
    public void succeeded(Exchange exchange) {
        ReplayItem item = item(exchange);
        store.transition(item.failedMessageId(), Status.REPLAYING, Status.RESOLVED);
        replays.outcome(item, Outcome.SUCCEEDED);
    }

    /** The flow failed again: the message is failed again, one attempt more, with the new error. */
    public void failedAgain(Exchange exchange) {
        ReplayItem item = item(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        FailedMessages.View message = messages.view(item.failedMessageId()).orElseThrow();
        FailureCause failure = FailureCause.of(cause);
        store.failedAgain(item.failedMessageId(), failure.target(), failure.errorType(), message.messageType(),
                failure.maskedMessage(), exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class),
                Status.REPLAYING);
        replays.outcome(item, Outcome.FAILED_AGAIN);
        log.warn("Replay run {}: failed message {} failed again ({})", item.runId(), item.failedMessageId(),
                failure.errorType());
    }

    /**
     * An inbox event's flow reports to the store itself (resolved on completion, failed again on failure); this
     * reads what it said. Still replaying means the event could not be reopened: put back, skipped.
     */
    public void settle(Exchange exchange) {
        ReplayItem item = item(exchange);
        Status status = store.status(item.failedMessageId()).orElse(Status.FAILED);
        switch (status) {
            case RESOLVED -> replays.outcome(item, Outcome.SUCCEEDED);
            case REPLAYING -> {
                store.transition(item.failedMessageId(), Status.REPLAYING, Status.FAILED);
                replays.outcome(item, Outcome.SKIPPED);
            }
            default -> replays.outcome(item, Outcome.FAILED_AGAIN);
        }
    }

    public void finish(String runId) {
        replays.finish(runId);
        log.info("Replay run {} finished: {}", runId, replays.run(runId).orElseThrow());
    }

    private static ReplayItem item(Exchange exchange) {
        return exchange.getProperty(ITEM, ReplayItem.class);
    }
}
