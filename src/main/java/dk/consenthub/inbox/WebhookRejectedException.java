package dk.consenthub.inbox;

import java.util.List;

/**
 * A delivery the hub refuses. Rendered as {@code application/problem+json}; the texts name fields but never
 * carry their values, which may hold a CPR number or health information.
 */
public class WebhookRejectedException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldProblem> fields;

    public WebhookRejectedException(int status, String title, String detail, List<FieldProblem> fields) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.fields = List.copyOf(fields);
    }

    public static WebhookRejectedException unauthorized() {
        return new WebhookRejectedException(401, "Unauthorized", null, List.of());
    }

    public static WebhookRejectedException badRequest(String detail, List<FieldProblem> fields) {
        return new WebhookRejectedException(400, "Invalid webhook payload", detail, fields);
    }

    public static WebhookRejectedException field(String field, String message) {
        return badRequest("Field " + field + " " + message + ".", List.of(new FieldProblem(field, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldProblem> fields() {
        return fields;
    }

    /** One invalid field: its name as the sender spelled it and what is wrong, never its value. */
    public record FieldProblem(String field, String message) {
    }
}
