package dk.consenthub.admin.page;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Access requests, for operators: the request form (confirmed before it is sent to POST /admin/access-requests), the
 * cases with their status, and the links to each report in Danish and English, HTML or PDF. A shell, filled by
 * admin.js from the API.
 */
@Controller
@Hidden // a page, not part of the admin API's OpenAPI document
class AccessPage implements AdminPage {

    @GetMapping("/admin/access")
    String access() {
        return "admin/access";
    }
}
