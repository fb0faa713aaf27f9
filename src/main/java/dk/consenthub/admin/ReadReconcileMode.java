package dk.consenthub.admin;

import dk.consenthub.inbox.WebhookRejectedException;
import dk.consenthub.reconcile.ReconcileRuns;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** {@code POST /admin/reconcile?mode=}: the mode must be {@code incremental} or {@code full}. */
@Component("readReconcileMode")
class ReadReconcileMode implements Processor {

    static final Set<String> MODES = Set.of("incremental", "full");

    @Override
    public void process(Exchange exchange) {
        String mode = exchange.getIn().getHeader("mode", String.class);
        if (mode == null || !MODES.contains(mode)) {
            throw WebhookRejectedException.field("mode", "must be incremental or full");
        }
        exchange.setProperty(ReconcileRuns.MODE, mode);
    }
}
