package dk.consenthub.egress;

/**
 * A request to an external system that did not succeed. Messages are written by the hub and never carry
 * payload values; the error handler routes on the type, not on the text.
 */
public abstract class EgressException extends RuntimeException {

    private final String destination;
    private final String errorType;

    protected EgressException(String destination, String errorType, String message) {
        super(message, null, false, false);
        this.destination = destination;
        this.errorType = errorType;
    }

    public String destination() {
        return destination;
    }

    /** A short stable code, e.g. {@code HTTP_503}, {@code COMPLIANCE_STATE}, {@code EGRESS_BLOCKED}. */
    public String errorType() {
        return errorType;
    }

    /**
     * What the hub records and logs of a failure: an egress failure's code and the hub's own message, else the
     * exception's class name. Never a vendor's text or a payload value.
     */
    public static String describe(Throwable cause) {
        if (cause instanceof EgressException egress) {
            return egress.errorType() + ": " + egress.getMessage();
        }
        return cause == null ? "unknown error" : cause.getClass().getName();
    }
}
