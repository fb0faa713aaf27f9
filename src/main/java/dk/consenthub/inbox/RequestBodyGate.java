package dk.consenthub.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.system.RejectedRequestException.FieldProblem;
import dk.consenthub.system.RejectedRequestException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door every request body passes before anything reads it. Webhook bodies are small: a larger one is refused
 * with 413, whether or not it announced its length. A body that is not valid UTF-8 is refused with 400 naming the
 * body: bad bytes are never repaired (into U+FFFD or anything else) and passed on. What passes is buffered, so
 * the route or controller reads it from memory. Admin request bodies pass the same gate, after authentication.
 */
public class RequestBodyGate extends OncePerRequestFilter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RequestBodyGate.class);

    private static final RejectedRequestException TOO_LARGE = new RejectedRequestException(413, "Payload Too Large",
            "The body exceeds the size limit.", List.of());

    private static final RejectedRequestException NOT_UTF8 = RejectedRequestException.badRequest(
            "The body is not valid UTF-8.", List.of(new FieldProblem("body", "must be valid UTF-8")));

    private final int maxBytes;

    public RequestBodyGate(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, TOO_LARGE);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(response, TOO_LARGE);
            return;
        }
        if (!InputChecks.isUtf8(body)) {
            refuse(response, NOT_UTF8);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while (total < limit && (read = in.read(buffer, 0, Math.min(buffer.length, limit - total))) != -1) {
            out.write(buffer, 0, read);
            total += read;
        }
        return out.toByteArray();
    }

    private static void refuse(HttpServletResponse response, RejectedRequestException rejected) throws IOException {
        log.info("Refused a request body: {} {}", rejected.status(), rejected.detail());
        response.setStatus(rejected.status());
        response.setContentType(RejectedRequestException.MEDIA_TYPE);
        response.setHeader("Connection", "close");
        response.getOutputStream().write(JSON.writeValueAsBytes(rejected.problem()));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body),
                    java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<RequestBodyGate> webhookBodyGate(InboxProperties inbox) {
            FilterRegistrationBean<RequestBodyGate> registration =
                    new FilterRegistrationBean<>(new RequestBodyGate(inbox.maxBodyBytes()));
            registration.addUrlPatterns("/webhooks/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        }
    }
}
