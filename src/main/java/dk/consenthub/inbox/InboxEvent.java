package dk.consenthub.inbox;

import java.time.Instant;

/** A stored event, decrypted, as dispatch hands it to its flow. */
public record InboxEvent(String id, String source, String type, byte[] payload, int attempts, Instant receivedAt) {
}
