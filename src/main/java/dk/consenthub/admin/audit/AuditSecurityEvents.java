package dk.consenthub.admin.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Logins and logouts in the audit log. A failed login names the user only when it is a configured one: an unknown
 * name may be a password typed into the wrong field, or someone's e-mail address.
 */
@Component
class AuditSecurityEvents {

    private final AuditLog log;
    private final UserDetailsService users;

    AuditSecurityEvents(AuditLog log, UserDetailsService users) {
        this.log = log;
        this.users = users;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        log.record(knownUser(event.getAuthentication()), AuditLog.LOGIN_FAILED, Map.of("via", via()), 401);
    }

    /** The user (only if configured), which limit, for how long; the client address is the request's. */
    @EventListener
    void lockedOut(LoginLockedOut event) {
        log.record(knownUser(event.user()), AuditLog.LOGIN_LOCKED, Map.of("via", via(), "scope", event.scope(),
                "seconds", String.valueOf(event.lockout().toSeconds())), 429);
    }

    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        log.record(event.getAuthentication().getName(), "LOGIN", Map.of("via", "form"), 302);
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        log.record(event.getAuthentication().getName(), "LOGOUT", Map.of(), 302);
    }

    private String knownUser(Authentication attempt) {
        return attempt instanceof UsernamePasswordAuthenticationToken && attempt.getPrincipal() instanceof String name
                ? knownUser(name) : "unknown";
    }

    private String knownUser(String name) {
        if (name.isBlank() || name.length() > 100) {
            return "unknown";
        }
        try {
            return users.loadUserByUsername(name).getUsername();
        } catch (UsernameNotFoundException e) {
            return "unknown";
        }
    }

    private static String via() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return "unknown";
        }
        HttpServletRequest request = attributes.getRequest();
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "bearer";
        }
        return authorization == null ? "form" : "basic";
    }
}
