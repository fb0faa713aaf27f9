package dk.consenthub.consent;

import java.time.Instant;

/**
 * What a source reports about a person, in the hub's terms; the adapters translate their own events into it.
 *
 * @param kind {@code customer-updated} (Gecko: the current flag), {@code subscribe}, {@code unsubscribe},
 *     {@code cleaned}, {@code upemail} (Mailchimp) or {@code other}
 * @param geckoCustomerId the Gecko customer, when the source is Gecko
 * @param newsletter the newsletter flag or decision; {@code null} when the report does not carry one
 * @param newEmail for an address change, the new address
 * @param sms the SMS marketing flag (recorded only: the hub sends no SMS); {@code null} when not carried
 */
public record ConsentReport(String source, String kind, String geckoCustomerId, String email, String newEmail,
                            String firstName, Boolean newsletter, Instant occurredAt, Boolean sms) {

    public ConsentReport(String source, String kind, String geckoCustomerId, String email, String newEmail,
                         String firstName, Boolean newsletter, Instant occurredAt) {
        this(source, kind, geckoCustomerId, email, newEmail, firstName, newsletter, occurredAt, null);
    }
}
