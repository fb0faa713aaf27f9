package dk.consenthub.inbox;

import dk.consenthub.egress.EgressException;
import dk.consenthub.egress.RetryableEgressException;
import dk.consenthub.failed.FailedMessage;
import dk.consenthub.failed.FailedMessageStore;
import dk.consenthub.failed.FailureCause;
import dk.consenthub.failed.ReplaySteps;
import dk.consenthub.system.Backoff;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The steps of the {@code inbox-dispatch} flow: claim due events, open one, finish it. */
@Component("inboxDispatch")
public class InboxDispatch {

    public static final String EVENT_ID = "hubInboxEventId";
    public static final String EVENT_TYPE = "hubInboxEventType";
    public static final String RECEIVED_AT = "hubInboxReceivedAt";
    public static final String LEASE_LOST = "hubInboxLeaseLost";
    static final String EVENT = "hubInboxEvent";

    private static final Logger log = LoggerFactory.getLogger(InboxDispatch.class);

    private final InboxStore inbox;
    private final FailedMessageStore failedMessages;
    private final InboxProperties properties;
    private final Clock clock;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName();

    InboxDispatch(InboxStore inbox, FailedMessageStore failedMessages, InboxProperties properties, Clock clock,
                  MeterRegistry meters) {
        this.inbox = inbox;
        this.failedMessages = failedMessages;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("hub.inbox.depth", inbox, InboxStore::depth)
                .description("Inbox events not yet finished").register(meters);
    }

    /** Claims a batch; tells the scheduler whether it found work, so it polls again at once (greedy). */
    public void claimDue(Exchange exchange) {
        List<InboxEvent> claimed = inbox.claimDue(owner, properties.batchSize(), properties.lease());
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
        exchange.getIn().setBody(claimed);
    }

    /**
     * Makes the event's payload the message body; the flow is chosen by the event type. The event's lease starts
     * afresh; an event whose lease ran out while it waited in the batch, and which another node has taken, is left to
     * that node ({@link #LEASE_LOST}).
     */
    public void open(Exchange exchange) {
        InboxEvent event = exchange.getIn().getBody(InboxEvent.class);
        if (!inbox.begin(event.id(), owner, properties.lease())) {
            log.warn("Inbox event {}: its lease ran out before its turn and another node took it; left to that node",
                    event.id());
            exchange.setProperty(LEASE_LOST, true);
            return;
        }
        exchange.getIn().removeHeaders("*");
        exchange.setProperty(EVENT_ID, event.id());
        exchange.setProperty(EVENT_TYPE, event.type());
        exchange.setProperty(EVENT, event);
        exchange.setProperty(RECEIVED_AT, event.receivedAt());
        exchange.getIn().setBody(event.payload());
    }

    /** A replay takes a failed event back (only a failed one); the body becomes the event, or null. */
    public void reopen(Exchange exchange) {
        String id = exchange.getProperty(ReplaySteps.INBOX_EVENT_ID, String.class);
        exchange.getIn().setBody(inbox.reopen(id, owner, properties.lease()).orElse(null));
    }

    /** The event is done; a failed message about it (being replayed, or left by a node that died) is resolved. */
    public void complete(Exchange exchange) {
        String id = exchange.getProperty(EVENT_ID, String.class);
        inbox.complete(id);
        // an event delivered at its first attempt has no failed message: no query for it
        boolean retried = exchange.getProperty(EVENT, InboxEvent.class).attempts() > 1;
        if (retried || exchange.getProperty(ReplaySteps.FAILED_MESSAGE_ID) != null) {
            failedMessages.resolveForEvent(id);
        }
    }

    /**
     * A retryable failure that outlived the egress retries is dispatched again later with a growing pause;
     * anything else, too many attempts, or a failed replay marks the event failed. The failed store keeps one
     * row per event: a replayed event that fails again updates its row.
     */
    public void recordFailure(Exchange exchange) {
        String id = exchange.getProperty(EVENT_ID, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = describe(cause);
        int attempts = attemptsOf(id);
        boolean replay = exchange.getProperty(ReplaySteps.FAILED_MESSAGE_ID) != null;
        if (cause instanceof RetryableEgressException && attempts < properties.maxAttempts() && !replay) {
            Duration pause = Backoff.after(attempts, properties.retryDelay());
            inbox.retryLater(id, clock.instant().plus(pause), error);
            log.warn("Inbox event {} failed (attempt {}), retrying in {}: {}", id, attempts, pause, error);
        } else {
            inbox.fail(id, error);
            InboxEvent event = exchange.getProperty(EVENT, InboxEvent.class);
            FailureCause failure = FailureCause.of(cause);
            String failedMessageId = failedMessages.record(new FailedMessage(id, flowOf(event.type()),
                    exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class), failure.target(),
                    failure.errorType(), event.type(), error, attempts, event.payload()));
            log.error("Inbox event {} failed for good after {} attempt(s), kept as failed message {}: {}",
                    id, attempts, failedMessageId, error);
        }
    }

    /** The flow an event type starts; the failed store groups and replays by it. */
    static String flowOf(String eventType) {
        return switch (eventType) {
            case "gecko.customer.updated" -> "consent-sync-from-gecko";
            case "mailchimp.webhook" -> "consent-sync-from-mailchimp";
            case "admin.consent-decision" -> "consent-sync-from-admin";
            default -> "inbox-dispatch-event";
        };
    }

    private int attemptsOf(String id) {
        return inbox.attempts(id);
    }

    /** Only the hub's own exception texts are kept; they never carry payload values. */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        if (cause instanceof EgressException egress) {
            return egress.errorType() + ": " + egress.getMessage();
        }
        return cause.getClass().getName();
    }
}
