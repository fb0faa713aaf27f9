package dk.consenthub.system;

import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What Spring MVC itself refuses (no such path, a method not allowed, a parameter of the wrong type, ...) is answered
 * with the hub's one problem document, which echoes nothing of the request: Spring's own problem details carry the
 * path in {@code instance} and the offending value in {@code detail}. Feature advices answer first; this is the
 * fallback. The servlet error page, for anything that escapes even this, leaves out the path and the message.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class QuietProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException mismatch, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = mismatch.getPropertyName() == null ? "parameter" : mismatch.getPropertyName();
        return answer(RejectedRequestException.field(field, "has the wrong type"), headers);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return answer(new RejectedRequestException(status.value(), known == null ? "Error" : known.getReasonPhrase(),
                null, List.of()), headers);
    }

    private static ResponseEntity<Object> answer(RejectedRequestException rejected, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.addAll(headers);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(rejected.problem(), out, HttpStatusCode.valueOf(rejected.status()));
    }

    /** The servlet error page's attributes without the request path and the exception's message. */
    @Bean
    static DefaultErrorAttributes quietErrorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Map<String, Object> attributes = super.getErrorAttributes(request, options);
                attributes.remove("path");
                attributes.remove("message");
                attributes.remove("errors");
                attributes.remove("trace");
                return attributes;
            }
        };
    }
}
