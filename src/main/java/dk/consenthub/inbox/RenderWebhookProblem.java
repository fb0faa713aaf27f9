package dk.consenthub.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.system.RejectedRequestException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns a refused or failed webhook into an RFC 9457 problem answer that echoes nothing of the request. */
@Component("renderWebhookProblem")
class RenderWebhookProblem implements Processor {

    private static final Logger log = LoggerFactory.getLogger(RenderWebhookProblem.class);

    private final ObjectMapper json;
    private final MeterRegistry meters;

    RenderWebhookProblem(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String source = exchange.getProperty(Webhooks.SOURCE_PROPERTY, "unknown", String.class);
        RejectedRequestException rejected;
        if (cause instanceof RejectedRequestException refused) {
            rejected = refused;
            log.info("Rejected {} webhook: {} {}", source, rejected.status(), rejected.title());
        } else {
            rejected = new RejectedRequestException(500, "Internal Server Error",
                    "The delivery was not stored; please retry.", List.of());
            log.error("Webhook from {} failed: {}", source, cause == null ? "unknown" : cause.getClass().getName());
        }
        meters.counter("hub.webhooks.rejected", "source", source, "status", String.valueOf(rejected.status())).increment();
        Webhooks.answer(exchange, rejected.status(), RejectedRequestException.MEDIA_TYPE,
                json.writeValueAsBytes(rejected.problem()));
    }
}
