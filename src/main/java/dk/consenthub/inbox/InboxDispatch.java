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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    public static final String EVENT = "hubInboxEvent";
    /** The ids of a batch's events whose completion waits for the end of the batch (shared by the batch's copies). */
    static final String DEFERRED = "hubInboxDeferred";

    private static final Logger log = LoggerFactory.getLogger(InboxDispatch.class);

    private final InboxStore inbox;
    private final FailedMessageStore failedMessages;
    private final InboxProperties properties;
    private final Clock clock;
    private final NewEvents newEvents;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName();

    InboxDispatch(InboxStore inbox, FailedMessageStore failedMessages, InboxProperties properties, Clock clock,
                  NewEvents newEvents, MeterRegistry meters) {
        this.inbox = inbox;
        this.newEvents = newEvents;
        this.failedMessages = failedMessages;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("hub.inbox.depth", inbox, InboxStore::depth)
                .description("Inbox events not yet finished").register(meters);
    }

    /**
     * Claims a batch. With nothing due it waits, up to the poll delay, for an event stored on this node, and claims
     * again; either way it tells the scheduler to poll again at once (greedy), so the poll delay is this wait: an
     * event stored here is dispatched within milliseconds, one stored by another node within the poll delay.
     */
    public void claimDue(Exchange exchange) {
        List<InboxEvent> claimed = inbox.claimDue(owner, properties.batchSize(), properties.lease());
        if (claimed.isEmpty() && newEvents.await(properties.pollDelay())) {
            claimed = inbox.claimDue(owner, properties.batchSize(), properties.lease());
        }
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, true);
        exchange.setProperty(DEFERRED, ConcurrentHashMap.newKeySet());
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

    /**
     * The event is done, unless its completion waits for the end of its batch ({@link #defer}); a failed message about
     * it (being replayed, or left by a node that died) is resolved.
     */
    public void complete(Exchange exchange) {
        InboxEvent event = exchange.getProperty(EVENT, InboxEvent.class);
        if (!deferred(exchange).contains(event.id())) {
            complete(event, exchange.getProperty(ReplaySteps.FAILED_MESSAGE_ID) != null);
        }
    }

    private void complete(InboxEvent event, boolean replay) {
        inbox.complete(event.id());
        // an event delivered at its first attempt has no failed message: no query for it
        if (event.attempts() > 1 || replay) {
            failedMessages.resolveForEvent(event.id());
        }
    }

    /**
     * The running event's last step is left for the end of its batch (a Mailchimp member write that joins the batch's
     * batch request): the event is not complete when its flow ends, but by {@link #completeDeferred} or
     * {@link #failDeferred}. False outside a claimed batch (a replay): the caller then takes the step itself.
     */
    public boolean defer(Exchange exchange) {
        InboxEvent event = exchange.getProperty(EVENT, InboxEvent.class);
        return event != null && exchange.getProperty(DEFERRED) != null && deferred(exchange).add(event.id());
    }

    /** The deferred steps of {@code events} succeeded: they are done (all but any whose flow failed meanwhile). */
    public void completeDeferred(Exchange exchange, List<InboxEvent> events) {
        List<InboxEvent> done = events.stream().filter(event -> deferred(exchange).remove(event.id())).toList();
        inbox.completeAll(done.stream().map(InboxEvent::id).toList());
        done.stream().filter(event -> event.attempts() > 1).forEach(event -> failedMessages.resolveForEvent(event.id()));
    }

    /** The deferred step of {@code event} failed: recorded as if the event's flow had failed with {@code cause}. */
    public void failDeferred(Exchange exchange, InboxEvent event, Throwable cause, String routeId) {
        if (deferred(exchange).remove(event.id())) {
            recordFailure(event, cause, routeId, false);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> deferred(Exchange exchange) {
        Set<String> deferred = exchange.getProperty(DEFERRED, Set.class);
        return deferred == null ? new HashSet<>() : deferred;
    }

    /**
     * A retryable failure that outlived the egress retries is dispatched again later with a growing pause;
     * anything else, too many attempts, or a failed replay marks the event failed. The failed store keeps one
     * row per event: a replayed event that fails again updates its row.
     */
    public void recordFailure(Exchange exchange) {
        InboxEvent event = exchange.getProperty(EVENT, InboxEvent.class);
        // a step it deferred to the end of the batch no longer decides anything
        deferred(exchange).remove(event.id());
        recordFailure(event, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class),
                exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class),
                exchange.getProperty(ReplaySteps.FAILED_MESSAGE_ID) != null);
    }

    private void recordFailure(InboxEvent event, Throwable cause, String routeId, boolean replay) {
        String id = event.id();
        String error = EgressException.describe(cause);
        int attempts = attemptsOf(id);
        if (cause instanceof RetryableEgressException && attempts < properties.maxAttempts() && !replay) {
            Duration pause = Backoff.after(attempts, properties.retryDelay());
            inbox.retryLater(id, clock.instant().plus(pause), error);
            log.warn("Inbox event {} failed (attempt {}), retrying in {}: {}", id, attempts, pause, error);
        } else {
            inbox.fail(id, error);
            FailureCause failure = FailureCause.of(cause);
            String failedMessageId = failedMessages.record(new FailedMessage(id, flowOf(event.type()),
                    routeId, failure.target(),
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
}
