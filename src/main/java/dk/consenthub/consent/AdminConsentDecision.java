package dk.consenthub.consent;

import java.time.Instant;
import java.util.List;

/**
 * A consent decision staff recorded for a person, as it waits in the inbox: the hub's own subject id (no address, no
 * customer id), the purposes, grant or withdrawal, and when staff recorded it. Staff's note is not part of it.
 */
public record AdminConsentDecision(String subjectId, List<Purpose> purposes, boolean granted, Instant occurredAt) {

    /** The inbox event type; its flow is {@code consent-sync-from-admin}. */
    public static final String TYPE = "admin.consent-decision";
}
