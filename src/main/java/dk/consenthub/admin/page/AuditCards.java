package dk.consenthub.admin.page;

import dk.consenthub.admin.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** Admin activity of the last day on the dashboard; failed logins stand out there. */
@Component
class AuditCards implements DashboardCards {

    private final AuditLog audit;
    private final Clock clock;

    AuditCards(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Card> cards() {
        var since = clock.instant().minus(Duration.ofDays(1));
        return List.of(
                new Card("admin-actions", "Admin actions (24 h)", audit.countSince(null, since), "/admin/activity"),
                new Card("failed-logins", "Failed logins (24 h)", audit.countSince(AuditLog.LOGIN_FAILED, since),
                        "/admin/activity?action=" + AuditLog.LOGIN_FAILED));
    }
}
