package dk.consenthub.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.WebhookRejectedException;
import dk.consenthub.inbox.Webhooks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The error answer of admin endpoints served by routes: an RFC 9457 problem that names the field at fault and
 * echoes nothing of the request.
 */
@Component("renderAdminProblem")
class RenderAdminProblem implements Processor {

    private static final Logger log = LoggerFactory.getLogger(RenderAdminProblem.class);

    private final ObjectMapper json;

    RenderAdminProblem(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        int status;
        if (cause instanceof WebhookRejectedException rejected) {
            status = rejected.status();
            problem.put("title", rejected.title());
            problem.put("status", status);
            if (rejected.detail() != null) {
                problem.put("detail", rejected.detail());
            }
            if (!rejected.fields().isEmpty()) {
                problem.put("errors", rejected.fields());
            }
        } else {
            status = 500;
            problem.put("title", "Internal Server Error");
            problem.put("status", status);
            log.error("Admin request failed: {}", cause == null ? "unknown" : cause.getClass().getName());
        }
        Webhooks.answer(exchange, status, "application/problem+json", json.writeValueAsBytes(problem));
    }
}
