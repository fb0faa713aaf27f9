package dk.consenthub.reconcile;

import dk.consenthub.consent.ConsentDecisions;
import dk.consenthub.consent.ConsentDecisions.NewsletterDecision;
import dk.consenthub.consent.ConsentLedger;
import dk.consenthub.consent.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the customers a scan found new or changed into consent decisions, by the same rules as Gecko's webhooks,
 * and collects what Mailchimp must be told instead of sending it at once: the flow then writes one by one or in
 * batches. Their fingerprints are stored once decided, so the next run sees them unchanged.
 */
@Component("reconcileChanges")
class ReconcileChanges {

    /** Customers decided per transaction: one commit per chunk instead of several per customer. */
    private static final int CHUNK = 200;
    /** Fingerprints stored per call: a few JDBC batches, a small map of stored ones. */
    private static final int SAVE_CHUNK = 2_000;

    private final ConsentDecisions decisions;
    private final ConsentLedger ledger;
    private final CustomerFingerprints fingerprints;
    private final TransactionTemplate transactions;
    private final ReconcileRuns runs;
    private final Clock clock;

    ReconcileChanges(ConsentDecisions decisions, ConsentLedger ledger, CustomerFingerprints fingerprints,
                     TransactionTemplate transactions, ReconcileRuns runs, Clock clock) {
        this.decisions = decisions;
        this.ledger = ledger;
        this.fingerprints = fingerprints;
        this.transactions = transactions;
        this.runs = runs;
        this.clock = clock;
    }

    public void decide(@ExchangeProperty(ReconcileRun.PROPERTY) ReconcileRun run) {
        run.phases().phaseDone("scan");
        ChangedCustomers changed = run.changedCustomers();
        for (int i = 0; i < changed.size(); i += CHUNK) {
            List<ScannedCustomer> chunk = changed.slice(i, Math.min(changed.size(), i + CHUNK));
            List<NewsletterWrite> writes;
            try {
                writes = transactions.execute(status -> decideAll(chunk));
            } catch (DataAccessException raced) {
                // e.g. a webhook created one of these subjects meanwhile: the chunk was rolled back; one by one,
                // each customer's own retry settles it
                writes = decideAll(chunk);
            }
            run.getWrites().addAll(writes);
            runs.renew(run);
        }
        // stored once every change is decided, as before, a chunk at a time: a first run holds all of Gecko here
        Instant now = clock.instant();
        for (int i = 0; i < changed.size(); i += SAVE_CHUNK) {
            fingerprints.save(changed.slice(i, Math.min(changed.size(), i + SAVE_CHUNK)), run.getId(), now);
            runs.renew(run);
        }
        changed.clear();
        run.phases().phaseDone("decide");
    }

    private List<NewsletterWrite> decideAll(List<ScannedCustomer> customers) {
        List<NewsletterWrite> writes = new ArrayList<>();
        for (ScannedCustomer customer : customers) {
            NewsletterDecision decision = decisions.decideGecko(customer.report(), null);
            if (decision.change() == null) {
                continue;
            }
            // A "no" for someone who never said yes has nothing to take back, and a batch would add the address to
            // Mailchimp as a new unsubscribed contact: data leaving the clinic for nothing.
            if (decision.action().equals(NewsletterDecision.UNSUBSCRIBE) && !ledger.grantedBefore(decision.subjectId(),
                    Purpose.NEWSLETTER, customer.report().occurredAt())) {
                continue;
            }
            writes.add(new NewsletterWrite(decision.action(), decision.change()));
        }
        return writes;
    }
}
