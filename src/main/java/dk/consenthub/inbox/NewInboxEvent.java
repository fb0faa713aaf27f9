package dk.consenthub.inbox;

/**
 * An event on its way into the inbox.
 *
 * @param subjectId the source's id of the data subject (hashed before storage)
 * @param payload the event as JSON; encrypted before storage
 * @param dedup how a repeated delivery is recognised
 */
public record NewInboxEvent(String source, String type, String subjectId, byte[] payload, Dedup dedup) {

    public enum Dedup {
        /**
         * For senders without delivery ids (Gecko templates): a delivery equal to the subject's latest event is
         * that event again. The same content after a different one is a new event (grant, withdraw, grant).
         */
        SAME_AS_LATEST_OF_SUBJECT,
        /** For senders with a delivery id in the payload: equal payloads are one event, whenever they come. */
        SAME_CONTENT
    }
}
