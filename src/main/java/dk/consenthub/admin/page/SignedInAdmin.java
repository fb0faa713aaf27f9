package dk.consenthub.admin.page;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The admin the page is rendered for: the name and roles in the header, and whether to offer changes. */
record SignedInAdmin(String name, List<String> roles, boolean operator) {

    static SignedInAdmin current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                .sorted().toList();
        return new SignedInAdmin(authentication.getName(), roles, roles.contains("OPERATOR"));
    }

    @ControllerAdvice(assignableTypes = AdminPage.class)
    static class Advice {

        @ModelAttribute("admin")
        SignedInAdmin admin() {
            return current();
        }
    }
}
