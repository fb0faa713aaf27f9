package dk.consenthub.access;

import java.time.Instant;
import java.util.List;

/**
 * An access case as staff see it: where each system's task stands, and whether the report can be read. No personal
 * data: the report itself is read separately, and audited.
 *
 * @param reason why the case is PARTIAL: which systems could not answer, in the hub's words
 * @param expiresAt when the report is deleted; {@code null} until it is made
 */
public record AccessCase(String id, String status, String reason, String requestedBy, Instant requestedAt,
                         Instant deadline, Instant completedAt, Instant expiresAt, boolean reportAvailable,
                         List<Task> tasks) {

    public record Task(String target, String status, int attempts, String outcome, Instant doneAt) {
    }
}
