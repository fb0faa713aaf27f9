package dk.consenthub.egress;

/** Sending the same request again cannot succeed: validation errors, compliance states, blocked by the guard. */
public class TerminalEgressException extends EgressException {

    public TerminalEgressException(String destination, String errorType, String message) {
        super(destination, errorType, message);
    }
}
