package dk.consenthub.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.admin.audit.AuditRecorder;
import dk.consenthub.system.RejectedRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What a refused admin request gets. A browser (it asks for text/html) is sent to the login page; an API client
 * gets 401 with the challenges it may answer, never a redirect. A refused change is written to the audit log.
 */
final class AdminEntryPoints {

    static final String LOGIN_PAGE = "/admin/login";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private AdminEntryPoints() {
    }

    static AuthenticationEntryPoint unauthenticated(boolean bearer) {
        return (request, response, exception) -> {
            if (isBrowser(request)) {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
                return;
            }
            response.addHeader("WWW-Authenticate", "Basic realm=\"consent-hub\"");
            if (bearer) {
                response.addHeader("WWW-Authenticate", "Bearer");
            }
            problem(response, 401, "Unauthorized");
        };
    }

    static AccessDeniedHandler denied(AuditRecorder audit) {
        return (request, response, exception) -> {
            if (!READS.contains(request.getMethod())) {
                audit.record(request, 403);
            }
            problem(response, 403, "Forbidden");
        };
    }

    static boolean isBrowser(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(type -> type.equalsTypeAndSubtype(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static void problem(HttpServletResponse response, int status, String title) throws IOException {
        problem(response, status, title, null);
    }

    static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(RejectedRequestException.MEDIA_TYPE);
        response.getOutputStream().write(JSON.writeValueAsBytes(
                new RejectedRequestException(status, title, detail, List.of()).problem()));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
}
