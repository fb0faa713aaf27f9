package dk.consenthub.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.ConsentDecisions;
import dk.consenthub.consent.ConsentReport;
import dk.consenthub.failed.FailedMessage;
import dk.consenthub.failed.FailedMessageStore;
import dk.consenthub.failed.FailureCause;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The write steps of a reconcile run: opens each collected write for the consent-sync flow, counts what was
 * written, and keeps what failed in the failed-message store (payload encrypted there), so one refused address
 * never stops the run.
 */
@Component("reconcileWrites")
public class ReconcileWrites {

    public static final String WRITE = "hubReconcileWrite";
    public static final String BATCH = "hubReconcileBatch";
    static final String FLOW = "reconcile";

    private static final Logger log = LoggerFactory.getLogger(ReconcileWrites.class);

    private final FailedMessageStore failedMessages;
    private final ReconcileRuns runs;
    private final ObjectMapper json;

    ReconcileWrites(FailedMessageStore failedMessages, ReconcileRuns runs, ObjectMapper json) {
        this.failedMessages = failedMessages;
        this.runs = runs;
        this.json = json;
    }

    /** Makes one collected write what consent-sync-to-mailchimp expects: the change as body, the action beside it. */
    public void open(Exchange exchange) {
        NewsletterWrite write = exchange.getIn().getBody(NewsletterWrite.class);
        exchange.setProperty(WRITE, write);
        exchange.setProperty(ConsentDecisions.NEWSLETTER_ACTION, write.action());
        exchange.getIn().setBody(write.change());
    }

    /** A replayed newsletter write (the stored JSON) becomes what consent-sync-to-mailchimp expects. */
    public void reopenWrite(Exchange exchange) throws java.io.IOException {
        NewsletterWrite write = json.readValue(exchange.getIn().getBody(byte[].class), NewsletterWrite.class);
        exchange.setProperty(ConsentDecisions.NEWSLETTER_ACTION, write.action());
        exchange.getIn().setBody(write.change());
    }

    /** A replayed Mailchimp withdrawal (the stored report) becomes what consent-sync-mailchimp-report expects. */
    public void reopenWithdrawal(Exchange exchange) throws java.io.IOException {
        exchange.getIn().setBody(json.readValue(exchange.getIn().getBody(byte[].class), ConsentReport.class));
    }

    public void written(Exchange exchange) {
        ReconcileRun run = run(exchange);
        run.written(1);
        runs.renew(run);
    }

    /** A batch went through: its members are written, but for those Mailchimp rejected. */
    public void batchWritten(ReconcileRun run, int members) {
        run.batchWritten(members);
        runs.renew(run);
    }

    /** A single write failed (after the egress retries, or blocked by the guard). */
    public void failed(Exchange exchange) {
        failed(run(exchange), exchange.getProperty(WRITE, NewsletterWrite.class), "reconcile-write-members",
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    /** A whole batch request failed: every write in it is kept as failed. */
    public void batchFailed(Exchange exchange) {
        NewsletterBatch batch = exchange.getProperty(BATCH, NewsletterBatch.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (NewsletterWrite write : batch.writes()) {
            failed(run(exchange), write, "reconcile-write-batches", cause);
        }
    }

    /** A withdrawal from Mailchimp could not be carried to Gecko (write-back) or the staff list. */
    public void withdrawalFailed(Exchange exchange) {
        ReconcileRun run = run(exchange);
        ConsentReport report = exchange.getProperty(WRITE, ConsentReport.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        record(run, "reconcile-apply-withdrawals", "reconcile.mailchimp-withdrawal", report, cause);
    }

    /** Counts a Gecko write-back made for a withdrawal found in Mailchimp. */
    public void withdrawalApplied(Exchange exchange) {
        if ("write-back".equals(exchange.getProperty(ConsentDecisions.GECKO_ACTION, String.class))) {
            run(exchange).written(1);
        }
    }

    /** One write that cannot be (or was not) carried out: kept for an admin, counted on the run. */
    public void failed(ReconcileRun run, NewsletterWrite write, String step, Throwable cause) {
        record(run, step, "reconcile.newsletter-write", write, cause);
    }

    private void record(ReconcileRun run, String step, String messageType, Object payload, Throwable cause) {
        run.writeFailed();
        FailureCause failure = FailureCause.of(cause);
        String id = failedMessages.record(new FailedMessage(null, FLOW, step, failure.target(), failure.errorType(),
                messageType, failure.maskedMessage(), 1, serialize(payload)));
        log.warn("Reconcile run {}: a {} failed ({}), kept as failed message {}", run.getId(), messageType,
                failure.errorType(), id);
    }

    private byte[] serialize(Object payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed write could not be serialized", e);
        }
    }

    private static ReconcileRun run(Exchange exchange) {
        return exchange.getProperty(ReconcileRun.PROPERTY, ReconcileRun.class);
    }
}
