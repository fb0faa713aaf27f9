package dk.consenthub.reconcile;

import dk.consenthub.consent.ConsentChange;
import dk.consenthub.consent.ConsentDecisions.NewsletterDecision;

/**
 * One change Mailchimp must be told about, as a reconcile run collects them before writing (one by one, or in
 * batches when there are many).
 *
 * @param action {@link NewsletterDecision#SUBSCRIBE}, {@link NewsletterDecision#RESUBSCRIBE} or
 *     {@link NewsletterDecision#UNSUBSCRIBE}, as in the consent-sync flow
 */
public record NewsletterWrite(String action, ConsentChange change) {
}
