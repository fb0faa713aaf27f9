package dk.consenthub.newsletter;

import java.time.Instant;

/**
 * What the hub keeps of a Mailchimp webhook: the type, when Mailchimp fired it, and the addresses involved.
 * Merge fields, IPs and campaign details are left behind.
 *
 * @param memberId {@code data[id]}, Mailchimp's member id (absent on cleaned and upemail)
 * @param email {@code data[email]}; for upemail the old address
 * @param newEmail for upemail, {@code data[new_email]}
 * @param reason for unsubscribe and cleaned, {@code data[reason]} (manual, abuse, hard)
 */
public record MailchimpWebhookEvent(String type, Instant firedAt, String memberId, String email, String newEmail,
                                    String reason) {

    public static final String TYPE = "mailchimp.webhook";

    public boolean isWithdrawal() {
        return type.equals("unsubscribe") || type.equals("cleaned");
    }
}
