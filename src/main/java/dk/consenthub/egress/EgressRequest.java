package dk.consenthub.egress;

import java.util.Map;
import java.util.Set;

/**
 * What an adapter wants to send, before the guard has looked at it.
 *
 * @param destination the destination's name, e.g. {@code mailchimp}
 * @param operation what the request does, for records and metrics, e.g. {@code member-upsert}
 * @param path path below the destination's base URL, already encoded
 * @param query query parameters, unencoded
 * @param body JSON body as maps, lists and scalars, or {@code null}
 * @param identifiers body fields that identify the subject: a CPR in one blocks the request instead of being masked
 * @param doneStatuses non-2xx statuses that mean "nothing left to do" for this operation (e.g. 404 on delete)
 */
public record EgressRequest(
        String destination,
        String operation,
        String method,
        String path,
        Map<String, String> query,
        Object body,
        Set<String> identifiers,
        Set<Integer> doneStatuses) {

    public EgressRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        identifiers = identifiers == null ? Set.of() : Set.copyOf(identifiers);
        doneStatuses = doneStatuses == null ? Set.of() : Set.copyOf(doneStatuses);
    }
}
