package dk.consenthub.egress;

import java.time.Duration;

/**
 * The system asked the hub to wait: a 429, a quota or rate-limit error the destination names, or any retryable
 * answer with a {@code Retry-After} hint. Work that is paced (erasure tasks) waits as asked without counting the
 * attempt as a failure.
 */
public class RateLimitedException extends RetryableEgressException {

    public RateLimitedException(String destination, String errorType, String message, Duration retryAfter) {
        super(destination, errorType, message, retryAfter);
    }
}
