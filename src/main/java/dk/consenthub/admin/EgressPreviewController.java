package dk.consenthub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.analytics.AnalyticsDeletions;
import dk.consenthub.booking.GeckoCustomerEvent;
import dk.consenthub.booking.GeckoCustomerJson;
import dk.consenthub.booking.GeckoWrites;
import dk.consenthub.consent.ConsentChange;
import dk.consenthub.consent.Purpose;
import dk.consenthub.egress.EgressBlockedException;
import dk.consenthub.egress.EgressGuard;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.egress.GuardedRequest;
import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.newsletter.MailchimpMembers;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * block it. Nothing is sent. Credentials are never shown.
 */
@RestController
@RequestMapping("/admin/egress")
class EgressPreviewController {

    private final EgressGuard guard;
    private final MailchimpMembers mailchimp;
    private final AnalyticsDeletions analytics;
    private final GeckoWrites gecko;
    private final ObjectMapper json;
    private final Clock clock;

    EgressPreviewController(EgressGuard guard, MailchimpMembers mailchimp, AnalyticsDeletions analytics,
                            GeckoWrites gecko, ObjectMapper json, Clock clock) {
        this.guard = guard;
        this.mailchimp = mailchimp;
        this.analytics = analytics;
        this.gecko = gecko;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> preview(@RequestParam String destination, @RequestBody byte[] body) {
        GeckoCustomerEvent customer = GeckoCustomerJson.read(parse(body), java.time.ZoneOffset.UTC); // only identifiers are previewed
        EgressRequest request = switch (destination) {
            case "mailchimp" -> newsletterRequest(customer);
            case "google" -> analytics.deleteByEmail(firstProperty(), required(customer.email(), "CUSTOMEREMAIL"));
            case "gecko" -> gecko.newsletterConsent(required(customer.customerId(), "CUSTOMERID"),
                    Boolean.TRUE.equals(customer.acceptsMarketingEmail()));
            default -> throw RejectedRequestException.field("destination", "must be one of mailchimp, google, gecko");
        };
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

    private EgressRequest newsletterRequest(GeckoCustomerEvent customer) {
        boolean granted = !Boolean.FALSE.equals(customer.acceptsMarketingEmail());
        ConsentChange change = new ConsentChange("gecko", customer.customerId(), required(customer.email(), "CUSTOMEREMAIL"),
                customer.firstName(), Purpose.NEWSLETTER, granted, clock.instant());
        return granted ? mailchimp.upsert(change) : mailchimp.unsubscribe(change);
    }

    private String firstProperty() {
        List<String> properties = analytics.propertyIds();
        if (properties.isEmpty()) {
            throw RejectedRequestException.field("hub.analytics.property-ids", "is empty: no GA4 property is configured");
        }
        return properties.get(0);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw RejectedRequestException.field(field, "is required for this destination");
        }
        return value;
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
