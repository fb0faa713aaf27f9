package dk.consenthub.egress;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * First step of every {@code egress-<system>} route: runs the guard on the {@link EgressRequest} body. The passed
 * request is kept on the exchange, so each (re)delivery writes exactly it, see {@link WriteGuardedRequest}.
 */
@Component("guardEgressRequest")
class GuardEgressRequest implements Processor {

    static final String REQUEST = "hubEgressRequest";
    static final String GUARDED = "hubGuardedRequest";

    private final EgressGuard guard;

    GuardEgressRequest(EgressGuard guard) {
        this.guard = guard;
    }

    @Override
    public void process(Exchange exchange) {
        EgressRequest request = exchange.getIn().getBody(EgressRequest.class);
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(GUARDED, guard.inspect(request));
    }
}
