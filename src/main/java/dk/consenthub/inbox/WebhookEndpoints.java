package dk.consenthub.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.system.RouteCalls;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhooks' HTTP door. Each delivery runs its Camel route ({@code routes/booking-webhook.camel.yaml},
 * {@code routes/newsletter-webhook.camel.yaml}) on the request's own thread, and the route's answer is written back:
 * only the status, body and the few headers a webhook answer carries, never anything of the request. (Camel's
 * platform-http hands every request to a second thread pool and dispatches it twice, which cost half the rate.)
 */
@RestController
class WebhookEndpoints {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);
    private static final List<String> ANSWER_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL,
            HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE);

    private final RouteCalls routes;
    private final ObjectMapper json;

    WebhookEndpoints(RouteCalls routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    @RequestMapping("/webhooks/gecko/{token}")
    ResponseEntity<byte[]> gecko(@PathVariable String token, HttpServletRequest request) throws IOException {
        return deliver("booking-webhook", request, token, "POST");
    }

    @RequestMapping("/webhooks/gecko")
    ResponseEntity<byte[]> geckoSigned(HttpServletRequest request) throws IOException {
        return deliver("booking-webhook-signed", request, null, "POST");
    }

    /** Mailchimp checks the URL with a GET when the webhook is saved. */
    @RequestMapping("/webhooks/mailchimp/{token}")
    ResponseEntity<byte[]> mailchimp(@PathVariable String token, HttpServletRequest request) throws IOException {
        return deliver("newsletter-webhook", request, token, "GET, POST");
    }

    private ResponseEntity<byte[]> deliver(String route, HttpServletRequest request, String token, String allowed)
            throws IOException {
        if (!allowed.contains(request.getMethod())) {
            return problem(new RejectedRequestException(405, "Method Not Allowed",
                    "This webhook accepts " + allowed + ".", List.of()), HttpHeaders.ALLOW, allowed);
        }
        byte[] body = request.getInputStream().readAllBytes();
        Exchange exchange = routes.send(route, in -> {
            for (String name : Collections.list(request.getHeaderNames())) {
                in.setHeader(name, request.getHeader(name));
            }
            in.setHeader(Exchange.HTTP_METHOD, request.getMethod());
            in.setHeader(Exchange.CONTENT_TYPE, request.getContentType());
            in.setHeader("CamelHttpServletRequest", request);
            if (token != null) {
                in.setHeader("token", token);
            }
            in.setBody(body);
        });
        if (exchange.getException() != null) {
            // the routes answer every failure themselves (webhook-errors); this is a failure in that answer
            log.error("Webhook route {} failed: {}", route, exchange.getException().getClass().getName());
            return problem(new RejectedRequestException(500, "Internal Server Error",
                    "The delivery was not stored; please retry.", List.of()), null, null);
        }
        Message out = exchange.getMessage();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(out.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        for (String name : ANSWER_HEADERS) {
            String value = out.getHeader(name, String.class);
            if (value != null) {
                answer.header(name, value);
            }
        }
        return answer.body(out.getBody(byte[].class));
    }

    private ResponseEntity<byte[]> problem(RejectedRequestException rejected, String header, String value)
            throws IOException {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(rejected.status())
                .header(HttpHeaders.CONTENT_TYPE, RejectedRequestException.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (header != null) {
            answer.header(header, value);
        }
        return answer.body(json.writeValueAsBytes(rejected.problem()));
    }
}
