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

/**
 * Writes an audit row for every admin request that may change something (anything but GET, HEAD, OPTIONS), once
 * the answer's status is known. It runs after the security chain, so the user is known; a servlet filter rather
 * than an MVC interceptor, so that requests no controller serves (a wrong method, an unknown path) are audited too.
 */
class AuditFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuditRecorder recorder;

    AuditFilter(AuditRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod());
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
            if (!failed && audited.isAsyncStarted()) {
                audited.getAsyncContext().addListener(new RecordWhenDone(actor, audited, response));
            } else {
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
