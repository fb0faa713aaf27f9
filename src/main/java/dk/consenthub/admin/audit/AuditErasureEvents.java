package dk.consenthub.admin.audit;

import dk.consenthub.erasure.ErasureVerification;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decisions the hub takes on its own about erasure, in the audit log beside the admins' actions: a case Gecko
 * contradicted is closed as rejected (actor {@code hub}, outcome 409), with the trigger and the hub's reason.
 */
@Component
class AuditErasureEvents {

    static final String ERASURE_REJECTED = "ERASURE_REJECTED";

    private final AuditLog log;

    AuditErasureEvents(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void rejected(ErasureVerification.Rejected rejected) {
        log.record("hub", ERASURE_REJECTED, Map.of("case", rejected.caseId(), "trigger", rejected.trigger(),
                "reason", rejected.why()), 409, null);
    }
}
