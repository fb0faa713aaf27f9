package dk.consenthub.admin.audit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes an audit row for every admin request that may change something (anything but GET, HEAD, OPTIONS), and for
 * every read of personal data ({@link #PERSONAL_DATA_READS}), once the answer's status is known. It runs after the
 * security chain, so the user is known; a servlet filter rather than an MVC interceptor, so that requests no
 * controller serves (a wrong method, an unknown path) are audited too.
 */
class AuditFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * Handler patterns whose GET (or HEAD) shows something of a person: an erasure receipt, a failed message's
     * masked error (alone, in the API's list, or in a group on the page), the staff tasks (Gecko customer ids), an
     * access report in any form. A read of an id that does not exist is audited too (404): someone looking for a
     * receipt.
     */
    static final Set<String> PERSONAL_DATA_READS = Set.of(
            "/admin/erasures/{id}",
            "/admin/access-requests/{id}/report",
            "/admin/access-requests/{id}/report.html",
            "/admin/access-requests/{id}/report.pdf",
            "/admin/failed-messages",
            "/admin/failed-messages/{id}",
            "/admin/failures/group",
            "/admin/failures/messages/{id}",
            "/admin/consent/staff-tasks");

    private final AuditRecorder recorder;

    AuditFilter(AuditRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod());
    }

    /** Known once the handler was chosen: a change always, a read if its pattern is a personal-data read. */
    private static boolean audited(HttpServletRequest request) {
        // no pattern (nothing matched, a method not allowed): not a read of anything
        return !READS.contains(request.getMethod())
                || request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                && PERSONAL_DATA_READS.contains(pattern);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest audited = AuditedRequest.of(request);
        String actor = AuditRecorder.actor();
        boolean failed = true;
        try {
            chain.doFilter(audited, response);
            failed = false;
        } finally {
            if (audited(audited) && !failed && audited.isAsyncStarted()) {
                audited.getAsyncContext().addListener(new RecordWhenDone(actor, audited, response));
            } else if (audited(audited)) {
                recorder.record(actor, audited, failed ? 500 : response.getStatus());
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    private final class RecordWhenDone implements AsyncListener {

        private final String actor;
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        RecordWhenDone(String actor, HttpServletRequest request, HttpServletResponse response) {
            this.actor = actor;
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            recorder.record(actor, request, response.getStatus());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
