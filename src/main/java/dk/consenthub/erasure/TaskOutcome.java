package dk.consenthub.erasure;

/**
 * What a target reports for a task it worked on.
 *
 * @param status {@link TaskStatus#DONE} or {@link TaskStatus#MANUAL} (still waiting for staff)
 * @param externalRef the target's receipt, e.g. GA's {@code deletionRequestTime}
 * @param outcome what happened, written by the hub, without personal data
 */
public record TaskOutcome(TaskStatus status, String externalRef, String outcome) {

    public static TaskOutcome done(String externalRef, String outcome) {
        return new TaskOutcome(TaskStatus.DONE, externalRef, outcome);
    }

    public static TaskOutcome manual(String outcome) {
        return new TaskOutcome(TaskStatus.MANUAL, null, outcome);
    }
}
