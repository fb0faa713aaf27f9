package dk.consenthub.egress;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * First step of every {@code egress-<system>-send} route: makes the message exactly the guarded request, with
 * its credentials, and nothing else. Runs again on each redelivery, so a retry never sends a previous answer.
 */
@Component("writeGuardedRequest")
class WriteGuardedRequest implements Processor {

    private final EgressGuard guard;

    WriteGuardedRequest(EgressGuard guard) {
        this.guard = guard;
    }

    @Override
    public void process(Exchange exchange) {
        GuardedRequest guarded = exchange.getProperty(GuardEgressRequest.GUARDED, GuardedRequest.class);
        Message message = exchange.getIn();
        // Camel counts redeliveries in CamelRedelivery* headers: keep those, or a retry would never end.
        message.removeHeaders("*", "CamelRedeliver*");
        guarded.headers().forEach(message::setHeader);
        guard.destination(guarded.destination()).credentials().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_METHOD, guarded.method());
        message.setHeader(Exchange.HTTP_URI, guarded.url().toString());
        message.setBody(guarded.body());
    }
}
