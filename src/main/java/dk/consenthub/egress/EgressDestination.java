package dk.consenthub.egress;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * An external system the hub may send to. Each adapter (newsletter, analytics, booking) declares its own; the
 * guard, the egress routes (one {@code egress-<name>} templated route pair each, see routes/egress.camel.yaml) and
 * the admin preview know nothing else about them.
 */
public interface EgressDestination {

    /** Lower-case name, as in {@code direct:egress-<name>}. */
    String name();

    URI baseUrl();

    /** The base URL of one operation, for systems that spread their API over several hosts. */
    default URI baseUrl(String operation) {
        return baseUrl();
    }

    /**
     * Body fields that may leave, as dotted paths; {@code []} marks list elements
     * ({@code members[].email_address}). Everything else is dropped.
     */
    Set<String> allowedFields();

    /** Headers that carry credentials, added after the final scan and never shown in previews. */
    Map<String, String> credentials();

    /**
     * The request this destination would be sent for a customer, for the admin preview: built as the flows build
     * it, then guarded, never sent. A {@link PreviewRefusedException} names what the destination is missing.
     */
    EgressRequest preview(PreviewCustomer customer);

    /** A short stable code for a failed answer; destinations read their own error bodies. */
    default String errorType(int status, String body) {
        return "HTTP_" + status;
    }

    /** Whether the same request may succeed later. */
    default boolean isRetryable(int status, String errorType) {
        return status == 408 || isRateLimited(status, errorType) || status >= 500;
    }

    /** Whether the answer asks the hub to slow down (a rate limit or quota), rather than reporting a fault. */
    default boolean isRateLimited(int status, String errorType) {
        return status == 429;
    }
}
