package dk.consenthub.admin.page;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security handles its POST (and the logout). */
@Controller
@Hidden // a page, not part of the admin API's OpenAPI document
class LoginPage {

    @GetMapping("/admin/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 Model model) {
        model.addAttribute("error", error != null);
        model.addAttribute("loggedOut", logout != null);
        return "admin/login";
    }
}
