package dk.consenthub.egress;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The step after an egress route's circuit breaker: a call the open (or half-open, once its trials are taken)
 * circuit did not let through becomes a {@link CircuitOpenException}, so the failure is retryable later and never
 * looks like a success.
 */
@Component("failWhenCircuitOpen")
class FailWhenCircuitOpen implements Processor {

    /**
     * Reached only when the circuit breaker ended without an exception: either the call succeeded, or it was not
     * permitted. The success flag is set afresh by every call; the others may be left from an earlier failed
     * attempt of the same exchange, so they are cleared, not read.
     */
    @Override
    public void process(Exchange exchange) {
        boolean succeeded = Boolean.TRUE.equals(
                exchange.getProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SUCCESSFUL_EXECUTION));
        for (ExchangePropertyKey key : new ExchangePropertyKey[] {
                ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SUCCESSFUL_EXECUTION,
                ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED,
                ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_REJECTED}) {
            exchange.removeProperty(key.getName());
        }
        if (!succeeded) {
            EgressRequest request = exchange.getProperty(GuardEgressRequest.REQUEST, EgressRequest.class);
            throw new CircuitOpenException(request.destination(), request.operation());
        }
    }
}
