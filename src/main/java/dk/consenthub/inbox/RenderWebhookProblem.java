package dk.consenthub.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Object> problem = new LinkedHashMap<>();
        int status;
        if (cause instanceof WebhookRejectedException rejected) {
            status = rejected.status();
            problem.put("type", "about:blank");
            problem.put("title", rejected.title());
            problem.put("status", status);
            if (rejected.detail() != null) {
                problem.put("detail", rejected.detail());
            }
            if (!rejected.fields().isEmpty()) {
                problem.put("errors", rejected.fields());
            }
            meters.counter("hub.webhooks.rejected", "source", source, "status", String.valueOf(status)).increment();
            log.info("Rejected {} webhook: {} {}", source, status, rejected.title());
        } else {
            status = 500;
            problem.put("type", "about:blank");
            problem.put("title", "Internal Server Error");
            problem.put("status", status);
            problem.put("detail", "The delivery was not stored; please retry.");
            meters.counter("hub.webhooks.rejected", "source", source, "status", "500").increment();
            log.error("Webhook from {} failed: {}", source, cause == null ? "unknown" : cause.getClass().getName());
        }
        Webhooks.answer(exchange, status, "application/problem+json", json.writeValueAsBytes(problem));
    }
}
