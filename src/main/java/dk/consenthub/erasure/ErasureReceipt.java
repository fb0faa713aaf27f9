package dk.consenthub.erasure;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure case shows the DPO: every task with its status and the target's receipt, what was kept and why.
 * The person appears only as a pseudonymous reference.
 */
public record ErasureReceipt(String id, String subjectRef, String status, String trigger, String reason,
                             String requestedBy, Instant requestedAt, Instant deadline, Instant completedAt,
                             List<Task> tasks, List<ErasureProperties.Kept> kept) {

    public record Task(String target, String scope, String status, int attempts, Instant nextAttemptAt,
                       String externalReference, String outcome, Instant updatedAt, Instant doneAt) {
    }
}
