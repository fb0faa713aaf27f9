package dk.consenthub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.InputChecks;
import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.system.RejectedRequestException.FieldProblem;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the JSON bodies of the admin API's requests field by field, collecting what is wrong as {@link FieldProblem}s
 * that name the field and never its value. Who a request is about comes the same way everywhere: a Gecko customer id
 * and/or an e-mail address, the id never a CPR number.
 */
final class AdminRequestBodies {

    private static final Pattern CUSTOMER_ID = Pattern.compile(InputChecks.CUSTOMER_ID);
    private static final Pattern EMAIL = Pattern.compile(InputChecks.EMAIL);

    private AdminRequestBodies() {
    }

    /** The person a request names: at least one of the two, or a problem. */
    record Person(String customerId, String email) {
    }

    static Person person(JsonNode request, List<FieldProblem> problems) {
        String customerId = text(request, "geckoCustomerId", CUSTOMER_ID, "must be a Gecko customer id", problems);
        String email = text(request, "email", EMAIL, "must be an e-mail address", problems);
        if (InputChecks.carriesCpr(customerId)) {
            problems.add(new FieldProblem("geckoCustomerId", "must not be a CPR number"));
            customerId = null;
        }
        if (customerId == null && email == null && problems.isEmpty()) {
            problems.add(new FieldProblem("geckoCustomerId", "or email is required"));
        }
        return new Person(customerId, email);
    }

    /** A text field, trimmed; {@code null} when absent or blank, or (with a problem) when it does not match. */
    static String text(JsonNode request, String field, Pattern pattern, String message, List<FieldProblem> problems) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return null;
        }
        if (!node.isValueNode()) {
            problems.add(new FieldProblem(field, "must be a text"));
            return null;
        }
        String value = InputChecks.trimSpaces(node.asText());
        if (pattern != null && !pattern.matcher(value).matches()) {
            problems.add(new FieldProblem(field, message));
            return null;
        }
        return value;
    }

    static JsonNode parse(ObjectMapper json, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw RejectedRequestException.badRequest("The body must be a JSON object.", List.of());
            }
            return node;
        } catch (IOException e) {
            throw RejectedRequestException.badRequest("The body is not well-formed JSON.", List.of());
        }
    }
}
