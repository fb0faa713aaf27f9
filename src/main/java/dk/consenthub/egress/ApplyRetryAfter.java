package dk.consenthub.egress;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Runs when an egress request failed, before the error handler picks the next redelivery's delay
 * ({@code onExceptionOccurredRef} in {@code routes/error-handling.camel.yaml}): a {@code Retry-After} the
 * destination sent (carried by the exception) becomes that delay, capped at {@code hub.egress.max-redelivery-delay};
 * otherwise the backoff with jitter applies.
 */
@Component("applyRetryAfter")
class ApplyRetryAfter implements Processor {

    private final EgressProperties properties;

    ApplyRetryAfter(EgressProperties properties) {
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof RetryableEgressException retryable && retryable.retryAfter().isPresent()) {
            long delay = Math.min(retryable.retryAfter().get().toMillis(), properties.maxRedeliveryDelay().toMillis());
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay);
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }
}
