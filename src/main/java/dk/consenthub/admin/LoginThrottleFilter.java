package dk.consenthub.admin;

import dk.consenthub.admin.audit.LoginLockedOut;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles password logins, the sign-in form's POST and HTTP Basic, before Spring Security checks them: a user name
 * or client address that is locked out is refused with 429 and {@code Retry-After}, whatever the password. After the
 * check, a failure is counted (its lockout, if it starts one, is published for the audit log) and a success clears
 * the user name. The outcome is read from the security context the chain leaves, which works alike for the form and
 * for Basic (Spring Security publishes no success event for Basic in every setup). Bearer tokens are not throttled:
 * they are not guessed. The answer never names the user.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginAttempts attempts;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    LoginThrottleFilter(LoginAttempts attempts, ApplicationEventPublisher events, MeterRegistry meters) {
        this.attempts = attempts;
        this.events = events;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = attemptedUser(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Optional<Duration> locked = attempts.lockedFor(user, address);
        if (locked.isPresent()) {
            meters.counter("hub.admin.login.refused").increment();
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", String.valueOf(seconds));
            AdminEntryPoints.problem(response, 429, "Too Many Requests",
                    "Too many failed sign-ins; try again after Retry-After seconds.");
            return;
        }
        chain.doFilter(request, response);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && user.equalsIgnoreCase(authentication.getName())) {
            attempts.succeeded(user);
            return;
        }
        attempts.failed(user, address).ifPresent(lockout -> {
            String scope = lockout.scope().name().toLowerCase(Locale.ROOT);
            meters.counter("hub.admin.login.lockouts", "scope", scope).increment();
            events.publishEvent(new LoginLockedOut(user, scope, lockout.duration()));
        });
    }

    /** The user name a form login or Basic header offers, or null when the request offers no password. */
    static String attemptedUser(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return colon < 0 ? null : credentials.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if ("POST".equals(request.getMethod()) && AdminEntryPoints.LOGIN_PAGE.equals(path(request))) {
            String user = request.getParameter("username");
            return user == null ? "" : user;
        }
        return null;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
