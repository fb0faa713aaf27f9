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
 */
public record ConsentReport(String source, String kind, String geckoCustomerId, String email, String newEmail,
                            String firstName, Boolean newsletter, Instant occurredAt) {
}
