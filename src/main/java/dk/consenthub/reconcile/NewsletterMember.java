package dk.consenthub.reconcile;

import java.time.Instant;

/**
 * A Mailchimp audience member as a reconcile scan saw it: the address, its status ({@code subscribed},
 * {@code unsubscribed}, {@code cleaned}, {@code pending}, {@code transactional}, {@code archived}) and when it last
 * changed.
 */
public record NewsletterMember(String email, String status, Instant lastChanged) {

    /** Whether Mailchimp treats the address as having withdrawn (or lost) the newsletter. */
    public boolean withdrawn() {
        return status.equals("unsubscribed") || status.equals("cleaned");
    }

    /** Whether Mailchimp sends (or is about to send) the newsletter to the address. */
    public boolean receiving() {
        return status.equals("subscribed") || status.equals("pending");
    }
}
