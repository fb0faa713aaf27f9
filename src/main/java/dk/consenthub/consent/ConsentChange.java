package dk.consenthub.consent;

import java.time.Instant;

/**
 * A consent decision as one source saw it.
 *
 * @param subjectId the source's id of the person (Gecko customer id)
 * @param email where the newsletter goes; {@code null} when the source has none
 */
public record ConsentChange(String source, String subjectId, String email, String firstName, Purpose purpose,
                            boolean granted, Instant occurredAt) {
}
