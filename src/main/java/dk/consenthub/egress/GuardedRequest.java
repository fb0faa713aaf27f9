package dk.consenthub.egress;

import java.net.URI;
import java.util.Map;

/**
 * A request the guard has passed: exactly what will be sent, minus the credential headers.
 *
 * @param headers headers that will be sent, without credentials
 * @param body serialized body, or {@code null}
 */
public record GuardedRequest(String destination, String operation, String method, URI url,
                             Map<String, String> headers, byte[] body) {
}
