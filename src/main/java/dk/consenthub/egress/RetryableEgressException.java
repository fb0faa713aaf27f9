package dk.consenthub.egress;

import java.time.Duration;
import java.util.Optional;

/** The system may accept the same request later: 5xx, 429, timeouts, connection errors. */
public class RetryableEgressException extends EgressException {

    private final Duration retryAfter;

    public RetryableEgressException(String destination, String errorType, String message, Duration retryAfter) {
        super(destination, errorType, message);
        this.retryAfter = retryAfter;
    }

    /** The wait the system asked for ({@code Retry-After}), if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
