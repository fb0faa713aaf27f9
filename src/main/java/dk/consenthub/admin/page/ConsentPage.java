package dk.consenthub.admin.page;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Consent told to staff: an operator records a person's grant or withdrawal (POST /admin/consent, after a
 * confirmation); everyone sees the changes staff must still make in Gecko (GET /admin/consent/staff-tasks). A shell,
 * filled by admin.js from the API.
 */
@Controller
@Hidden // a page, not part of the admin API's OpenAPI document
class ConsentPage implements AdminPage {

    @GetMapping("/admin/consent-decisions")
    String consent() {
        return "admin/consent";
    }
}
