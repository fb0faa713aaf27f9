package dk.consenthub.admin.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for admins (VIEWER): newest first, filtered by actor and by a part of the action. */
@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping(path = "/admin/audit", produces = "application/json")
    AuditLog.Page page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                       @RequestParam(defaultValue = "0") @Min(0) int page,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return log.page(actor, action, page, size);
    }
}
