package dk.consenthub.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.WebhookRejectedException;
import dk.consenthub.inbox.Webhooks;
import dk.consenthub.reconcile.ReconcileRuns;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** {@code GET /admin/reconcile/{runId}}: the run's record, counts and drift report. */
@Component("answerReconcileReport")
class AnswerReconcileReport implements Processor {

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ReconcileRuns runs;
    private final ObjectMapper json;

    AnswerReconcileReport(ReconcileRuns runs, ObjectMapper json) {
        this.runs = runs;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String runId = exchange.getIn().getHeader("runId", "", String.class);
        if (!RUN_ID.matcher(runId).matches()) {
            throw WebhookRejectedException.field("runId", "must be a run id as POST /admin/reconcile answered it");
        }
        ReconcileRuns.Record record = runs.find(runId).orElseThrow(() ->
                new WebhookRejectedException(404, "Not Found", "No reconcile run has this id.", List.of()));
        Webhooks.answer(exchange, 200, "application/json", json.writeValueAsBytes(record));
    }
}
