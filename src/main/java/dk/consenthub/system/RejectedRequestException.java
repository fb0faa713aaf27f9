package dk.consenthub.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the hub refuses, from a webhook sender or an admin alike. It is answered with the one problem document
 * the hub writes ({@link #problem()}, {@code application/problem+json}, RFC 9457): the texts name fields but never
 * carry their values, which may hold a CPR number or health information, and nothing of the request (its path,
 * query or body) is echoed.
 */
public class RejectedRequestException extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String title;
    private final List<FieldProblem> fields;

    public RejectedRequestException(int status, String title, String detail, List<FieldProblem> fields) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.fields = List.copyOf(fields);
    }

    public static RejectedRequestException unauthorized() {
        return new RejectedRequestException(401, "Unauthorized", null, List.of());
    }

    public static RejectedRequestException badRequest(String detail, List<FieldProblem> fields) {
        return new RejectedRequestException(400, "Invalid request", detail, fields);
    }

    public static RejectedRequestException field(String field, String message) {
        return badRequest("Field " + field + " " + message + ".", List.of(new FieldProblem(field, message)));
    }

    public static RejectedRequestException notFound(String what) {
        return new RejectedRequestException(404, "Not Found", "No such " + what + ".", List.of());
    }

    /** The request is understood but the resource is not in a state that allows it. */
    public static RejectedRequestException conflict(String detail) {
        return new RejectedRequestException(409, "Conflict", detail, List.of());
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

    /** The problem document: {@code type}, {@code title}, {@code status}, and {@code detail}/{@code errors} if any. */
    public Map<String, Object> problem() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        if (detail() != null) {
            problem.put("detail", detail());
        }
        if (!fields.isEmpty()) {
            problem.put("errors", fields);
        }
        return problem;
    }

    /** One invalid field: its name as the sender spelled it and what is wrong, never its value. */
    public record FieldProblem(String field, String message) {
    }
}
