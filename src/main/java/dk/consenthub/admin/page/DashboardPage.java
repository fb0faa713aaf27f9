package dk.consenthub.admin.page;

import dk.consenthub.admin.audit.AuditLog;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin page's start: counts that need attention, and the latest admin actions; and the audit log view. */
@Controller
@Hidden // a page, not part of the admin API's OpenAPI document
class DashboardPage implements AdminPage {

    private static final int PAGE_SIZE = 50;

    private final AuditLog audit;
    private final List<DashboardCards> cards;

    DashboardPage(AuditLog audit, List<DashboardCards> cards) {
        this.audit = audit;
        this.cards = cards;
    }

    @GetMapping({"/admin", "/admin/"})
    String dashboard(Model model) {
        model.addAttribute("cards", cards.stream().flatMap(source -> source.cards().stream()).toList());
        model.addAttribute("recent", audit.page(null, null, 0, 10));
        return "admin/dashboard";
    }

    @GetMapping("/admin/activity")
    String activity(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        AuditLog.Page entries = audit.page(actor, action, Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("page", entries);
        model.addAttribute("items", entries.items());
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        return "admin/activity";
    }
}
