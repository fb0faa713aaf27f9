package dk.consenthub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.booking.GeckoCustomerEvent;
import dk.consenthub.booking.GeckoCustomerJson;
import dk.consenthub.egress.EgressBlockedException;
import dk.consenthub.egress.EgressDestination;
import dk.consenthub.egress.EgressGuard;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.egress.GuardedRequest;
import dk.consenthub.egress.PreviewCustomer;
import dk.consenthub.egress.PreviewRefusedException;
import dk.consenthub.system.RejectedRequestException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows an admin exactly what the hub would send to a destination for a Gecko customer, or why the guard would
 * block it. Each destination builds its own request ({@link EgressDestination#preview}); nothing is sent.
 * Credentials are never shown.
 */
@RestController
@RequestMapping("/admin/egress")
class EgressPreviewController {

    private final EgressGuard guard;
    private final Map<String, EgressDestination> destinations = new TreeMap<>();
    private final ObjectMapper json;

    EgressPreviewController(EgressGuard guard, List<EgressDestination> destinations, ObjectMapper json) {
        this.guard = guard;
        destinations.forEach(destination -> this.destinations.put(destination.name(), destination));
        this.json = json;
    }

    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> preview(@RequestParam String destination, @RequestBody byte[] body) {
        GeckoCustomerEvent customer = GeckoCustomerJson.read(parse(body), java.time.ZoneOffset.UTC); // only identifiers are previewed
        EgressDestination target = destinations.get(destination);
        if (target == null) {
            throw RejectedRequestException.field("destination",
                    "must be one of " + String.join(", ", destinations.keySet()));
        }
        EgressRequest request;
        try {
            request = target.preview(new PreviewCustomer(customer.customerId(), customer.email(),
                    customer.firstName(), customer.acceptsMarketingEmail()));
        } catch (PreviewRefusedException refused) {
            throw RejectedRequestException.field(refused.field(), refused.getMessage());
        }
        GuardedRequest guarded = guard.inspect(request);
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("destination", guarded.destination());
        preview.put("operation", guarded.operation());
        preview.put("method", guarded.method());
        preview.put("url", guarded.url().toString());
        preview.put("headers", guarded.headers());
        preview.put("body", guarded.body() == null ? null : readTree(guarded.body()));
        return ResponseEntity.ok(preview);
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw RejectedRequestException.badRequest("The body is not well-formed JSON.", List.of());
        }
    }

    private JsonNode readTree(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("guarded body is not JSON", e);
        }
    }

    @ExceptionHandler(EgressBlockedException.class)
    ProblemDetail blocked(EgressBlockedException blocked) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, blocked.getMessage());
        problem.setTitle("Blocked by the egress guard");
        problem.setType(URI.create("urn:consent-hub:egress-blocked"));
        problem.setProperty("reason", blocked.reason().name());
        return problem;
    }
}
