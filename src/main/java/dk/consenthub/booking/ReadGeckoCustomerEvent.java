package dk.consenthub.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.InboxProperties;
import dk.consenthub.inbox.InputChecks;
import dk.consenthub.inbox.NewInboxEvent;
import dk.consenthub.system.HubProperties;
import dk.consenthub.system.RejectedRequestException.FieldProblem;
import dk.consenthub.system.RejectedRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads Gecko's "Kunde: Stamdata opdateret" template JSON into a {@link GeckoCustomerEvent}: checks the content
 * type and size, parses, validates, and keeps only the fields the hub needs. The body becomes a
 * {@link NewInboxEvent} for the inbox.
 */
@Component("readGeckoCustomerEvent")
class ReadGeckoCustomerEvent implements Processor {

    /** Record component to the template key a clinic writes in Gecko, for error messages. */
    private static final Map<String, String> WIRE_NAMES = Map.of(
            "customerId", "CUSTOMERID",
            "email", "CUSTOMEREMAIL",
            "firstName", "CUSTOMERFIRSTNAME",
            "acceptsMarketingEmail", "CUSTOMERACCEPTSMARKETINGEMAIL",
            "acceptsMarketingSms", "CUSTOMERACCEPTSMARKETINGSMS",
            "tags", "CUSTOMERTAGS");

    private final ObjectMapper json;
    private final Validator validator;
    private final InboxProperties properties;
    private final ZoneId zone;

    ReadGeckoCustomerEvent(ObjectMapper json, Validator validator, InboxProperties properties, HubProperties hub) {
        this.zone = hub.zone();
        this.json = json;
        this.validator = validator;
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        requireJson(exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class));
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw RejectedRequestException.badRequest("The body is empty.", List.of());
        }
        if (body.length > properties.maxBodyBytes()) {
            throw new RejectedRequestException(413, "Payload Too Large",
                    "The body exceeds " + properties.maxBodyBytes() + " bytes.", List.of());
        }
        GeckoCustomerEvent event = parse(body);
        validate(event);
        exchange.getIn().setBody(new NewInboxEvent("gecko", GeckoCustomerEvent.TYPE, event.customerId(),
                json.writeValueAsBytes(event), NewInboxEvent.Dedup.SAME_AS_LATEST_OF_SUBJECT));
    }

    private static void requireJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new RejectedRequestException(415, "Unsupported Media Type",
                    "Content-Type must be application/json.", List.of(new FieldProblem("Content-Type", "must be application/json")));
        }
    }

    private GeckoCustomerEvent parse(byte[] body) {
        try {
            return GeckoCustomerJson.read(json.readTree(body), zone);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending input: never pass it on.
            throw RejectedRequestException.badRequest("The body is not well-formed JSON.", List.of());
        } catch (java.io.IOException e) {
            throw RejectedRequestException.badRequest("The body could not be read.", List.of());
        }
    }

    private void validate(GeckoCustomerEvent event) {
        Set<ConstraintViolation<GeckoCustomerEvent>> violations = validator.validate(event);
        List<FieldProblem> problems = new ArrayList<>();
        if (InputChecks.carriesCpr(event.customerId())) {
            // the id would be stored, filed and shown in staff tasks: a CPR number is never kept, not even as an id
            problems.add(new FieldProblem("CUSTOMERID", "must not be a CPR number"));
        }
        if (violations.isEmpty() && problems.isEmpty()) {
            return;
        }
        violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> problems.add(new FieldProblem(wireName(v), v.getMessage())));
        String names = String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList());
        throw RejectedRequestException.badRequest("Invalid field(s): " + names + ".", problems);
    }

    private static String wireName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String component = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
        component = component.contains(".") ? component.substring(0, component.indexOf('.')) : component;
        return WIRE_NAMES.getOrDefault(component, component);
    }
}
