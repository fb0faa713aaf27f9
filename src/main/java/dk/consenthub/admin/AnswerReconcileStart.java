package dk.consenthub.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.WebhookRejectedException;
import dk.consenthub.inbox.Webhooks;
import dk.consenthub.reconcile.ReconcileRun;
import dk.consenthub.reconcile.ReconcileRuns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Answers a started run with 202 and its id (the run goes on in the background, its record at
 * {@code /admin/reconcile/{runId}}), or 409 naming the run that holds the lock.
 */
@Component("answerReconcileStart")
class AnswerReconcileStart implements Processor {

    private final ObjectMapper json;

    AnswerReconcileStart(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ReconcileRun run = exchange.getProperty(ReconcileRun.PROPERTY, ReconcileRun.class);
        if (run == null) {
            String holder = exchange.getProperty(ReconcileRuns.BUSY, "unknown", String.class);
            throw new WebhookRejectedException(409, "Conflict", "Reconcile run " + holder + " is in progress.",
                    List.of());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", run.getId());
        answer.put("mode", run.getMode().text());
        answer.put("status", "RUNNING");
        answer.put("report", "/admin/reconcile/" + run.getId());
        Webhooks.answer(exchange, 202, "application/json", json.writeValueAsBytes(answer));
        exchange.getMessage().setHeader("Location", "/admin/reconcile/" + run.getId());
    }
}
