package dk.consenthub.system;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Where Java hands work to a flow (an admin starts a reconcile run): one of the hub's own {@code direct:} routes,
 * run on the caller's thread. Never an egress route: what leaves the hub is sent by the flows, through the guard.
 */
@Component
public class RouteCalls {

    private static final Pattern ROUTE_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final ProducerTemplate producer;

    RouteCalls(ProducerTemplate producer) {
        this.producer = producer;
    }

    /**
     * Runs {@code direct:<routeId>} with these exchange properties and answers the exchange as the route left it. A
     * failure in the route is thrown as it was raised (a checked one wrapped).
     */
    public Exchange call(String routeId, Map<String, Object> properties) {
        Exchange done = producer.send(endpoint(routeId), exchange -> properties.forEach(exchange::setProperty));
        Exception failure = done.getException();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new CamelExecutionException("Route " + routeId + " failed", done, failure);
        }
        return done;
    }

    /**
     * Runs {@code direct:<routeId>} with the message {@code request} fills in (a webhook delivery) and answers the
     * exchange as the route left it, a failure included ({@link Exchange#getException()}).
     */
    public Exchange send(String routeId, Consumer<Message> request) {
        return producer.send(endpoint(routeId), exchange -> request.accept(exchange.getIn()));
    }

    private static String endpoint(String routeId) {
        if (!ROUTE_ID.matcher(routeId).matches() || routeId.startsWith("egress-")) {
            throw new IllegalArgumentException("Java may not call route " + routeId);
        }
        return "direct:" + routeId;
    }
}
