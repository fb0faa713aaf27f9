package dk.consenthub.erasure;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure case shows the DPO: every task with its status and the target's receipt, what was kept and why.
 * The person appears only as a pseudonymous reference.
 *
 * @param verification for a case no operator asked for: why it waits, what confirmed it in Gecko, or why it was
 *     rejected
 * @param approvedBy the operator who let a case held by the brake on automatic erasure go
 */
public record ErasureReceipt(String id, String subjectRef, String status, String trigger, String reason,
                             String requestedBy, Instant requestedAt, Instant deadline, Instant completedAt,
                             String verification, String approvedBy, List<Task> tasks,
                             List<ErasureProperties.Kept> kept) {

    public record Task(String target, String scope, String status, int attempts, Instant nextAttemptAt,
                       String externalReference, String outcome, Instant updatedAt, Instant doneAt) {
    }
}
