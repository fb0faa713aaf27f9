package dk.consenthub.inbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Tells this node's dispatch that an event was stored, so it claims at once instead of at its next poll. Events stored
 * by other nodes are found by the poll.
 */
@Component
class NewEvents {

    private final Semaphore stored = new Semaphore(0);

    /** An event was stored (called after its insert). */
    void stored() {
        if (stored.availablePermits() == 0) {
            stored.release();
        }
    }

    /** Waits up to {@code timeout} for a stored event; true when one came (or had come since the last wait). */
    boolean await(Duration timeout) {
        try {
            boolean came = stored.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
            stored.drainPermits();
            return came;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
