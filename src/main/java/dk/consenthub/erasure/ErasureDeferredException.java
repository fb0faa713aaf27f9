package dk.consenthub.erasure;

import java.time.Instant;

/** A task that may not run now (a quota is spent): it waits until {@code until}, which is not a failure. */
public class ErasureDeferredException extends RuntimeException {

    private final Instant until;

    public ErasureDeferredException(Instant until, String reason) {
        super(reason, null, false, false);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
