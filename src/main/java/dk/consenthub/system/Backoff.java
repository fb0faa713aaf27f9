package dk.consenthub.system;

import java.time.Duration;

/** The hub's one back-off rule for work that is tried again later (inbox events, erasure tasks). */
public final class Backoff {

    /** Doubling stops here: the 11th and later attempts wait 1024 times the first pause. */
    private static final int MAX_DOUBLINGS = 10;

    private Backoff() {
    }

    /** The pause after the {@code attempts}-th failed attempt: {@code first}, then doubling per attempt. */
    public static Duration after(int attempts, Duration first) {
        return first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), MAX_DOUBLINGS));
    }
}
