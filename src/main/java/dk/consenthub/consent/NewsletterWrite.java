package dk.consenthub.consent;

/**
 * One change Mailchimp must be told about, as a reconcile run collects them before writing (one by one, or in
 * batches when there are many).
 *
 * @param action {@link #SUBSCRIBE}, {@link #RESUBSCRIBE} or {@link #UNSUBSCRIBE}, as in the consent-sync flow
 */
public record NewsletterWrite(String action, ConsentChange change) {

    public static final String SUBSCRIBE = "subscribe";
    public static final String RESUBSCRIBE = "resubscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
}
