package dk.consenthub.failed;

import dk.consenthub.egress.EgressException;

/**
 * How the failed store names what went wrong: the target system, a stable error code, and a text written by the
 * hub. A vendor's own error text may quote an address, so only the hub's egress messages and class names are kept.
 */
public record FailureCause(String target, String errorType, String maskedMessage) {

    public static FailureCause of(Throwable cause) {
        if (cause instanceof EgressException egress) {
            return new FailureCause(egress.destination(), egress.errorType(), egress.getMessage());
        }
        return new FailureCause("hub", "INTERNAL", cause == null ? "unknown error" : cause.getClass().getName());
    }
}
