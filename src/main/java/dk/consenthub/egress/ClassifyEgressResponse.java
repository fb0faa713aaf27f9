package dk.consenthub.egress;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Last step of every {@code egress-<system>-send} route: a success stays a success, a failure becomes a
 * {@link RetryableEgressException} or a {@link TerminalEgressException} as the destination classifies it. A
 * {@code Retry-After} answer travels with the exception and sets the next redelivery's delay.
 */
@Component("classifyEgressResponse")
class ClassifyEgressResponse implements Processor {

    public static final String STATUS = "hubEgressStatus";

    private final EgressGuard guard;

    ClassifyEgressResponse(EgressGuard guard) {
        this.guard = guard;
    }

    @Override
    public void process(Exchange exchange) {
        EgressRequest request = exchange.getProperty(GuardEgressRequest.REQUEST, EgressRequest.class);
        int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        exchange.setProperty(STATUS, status);
        if ((status >= 200 && status < 300) || request.doneStatuses().contains(status)) {
            return;
        }
        EgressDestination destination = guard.destination(request.destination());
        byte[] body = exchange.getIn().getBody(byte[].class);
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String errorType = destination.errorType(status, text);
        String message = destination.name() + " answered " + status + " (" + errorType + ") to " + request.operation();
        if (destination.isRetryable(status, errorType)) {
            // the error handler reads the wait from the exception (ApplyRetryAfter)
            Duration retryAfter = retryAfter(exchange.getIn().getHeader("Retry-After", String.class));
            if (retryAfter != null || destination.isRateLimited(status, errorType)) {
                throw new RateLimitedException(destination.name(), errorType, message, retryAfter);
            }
            throw new RetryableEgressException(destination.name(), errorType, message, retryAfter);
        }
        throw new TerminalEgressException(destination.name(), errorType, message);
    }

    /** {@code Retry-After} is either delta-seconds or an HTTP date. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
