package dk.consenthub.erasure;

import java.util.List;
import java.util.Optional;

/**
 * A system an erasure reaches. Each adapter (newsletter, analytics, booking) declares its own; the erasure flow
 * routes a task to {@code direct:erasure-<name>} (the route {@code erasure-<name>} in the system's own
 * {@code routes/<name>.camel.yaml}) and knows nothing else about the system.
 */
public interface ErasureTarget {

    /** As in the task's target and the flow's route, e.g. {@code mailchimp}. */
    String name();

    /**
     * The parts of this system to erase for the subject, one task each (a GA property and identifier, say). Empty
     * when the system cannot hold anything of the subject: the task is then not applicable, see {@link #notApplicable}.
     */
    List<String> scopes(ErasureSubject subject);

    /** Why the task is not applicable when {@link #scopes} is empty, for the receipt. */
    String notApplicable();

    /** The status a new task starts in: pending, or manual when staff must act. */
    default TaskStatus initialStatus() {
        return TaskStatus.PENDING;
    }

    /** A terminal error that means the data is already gone (Mailchimp's "Forgotten Email Not Subscribed"). */
    default Optional<String> alreadyGone(String errorType) {
        return Optional.empty();
    }
}
