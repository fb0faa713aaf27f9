package dk.consenthub.egress;

/**
 * The destination's circuit is open: the request was not sent. Retryable, but not in flight: the inbox (or the
 * next replay) tries again later, when the circuit may have closed.
 */
public class CircuitOpenException extends RetryableEgressException {

    public static final String ERROR_TYPE = "CIRCUIT_OPEN";

    public CircuitOpenException(String destination, String operation) {
        super(destination, ERROR_TYPE, "Not sent to " + destination + " (" + operation + "): its circuit is open", null);
    }
}
