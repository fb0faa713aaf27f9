package dk.consenthub.failed;

/**
 * A message the hub gave up on, as the flow that failed reports it.
 *
 * @param flow the flow (route id) the message belongs to
 * @param failedStep the route or endpoint where it failed
 * @param target the external system it was for, or {@code hub}
 * @param errorType a short stable code, e.g. {@code HTTP_503}, {@code EGRESS_BLOCKED}
 * @param maskedMessage what went wrong, written by the hub, without payload values
 * @param payload the original message; encrypted before storage
 */
public record FailedMessage(String inboxEventId, String flow, String failedStep, String target, String errorType,
                            String messageType, String maskedMessage, int attempts, byte[] payload) {

    public String groupKey() {
        return groupKey(target, errorType, messageType);
    }

    /** Messages that failed the same way: target x error type x message type. */
    public static String groupKey(String target, String errorType, String messageType) {
        return target + "|" + errorType + "|" + messageType;
    }
}
