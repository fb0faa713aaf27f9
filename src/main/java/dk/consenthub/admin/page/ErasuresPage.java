package dk.consenthub.admin.page;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Erasure cases and their receipts. The page is a shell; admin.js reads the erasure API (GET /admin/erasures and
 * /admin/erasures/{id}), so the page shows exactly what the API gives the DPO.
 */
@Controller
@Hidden // a page, not part of the admin API's OpenAPI document
class ErasuresPage implements AdminPage {

    @GetMapping("/admin/erasure-cases")
    String erasures() {
        return "admin/erasures";
    }
}
