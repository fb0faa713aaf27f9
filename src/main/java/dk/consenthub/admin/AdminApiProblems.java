package dk.consenthub.admin;

import com.fasterxml.jackson.databind.JsonMappingException;
import dk.consenthub.failed.InvalidSelectionException;
import dk.consenthub.inbox.WebhookRejectedException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Problem documents of the admin JSON API (failed messages, replays, erasures, the egress preview, reconcile runs):
 * they name the fields at fault and never echo a value (an id, group or address someone typed may be anything).
 */
@RestControllerAdvice(assignableTypes = {FailedMessagesController.class, ReplaysController.class,
        ErasureController.class, EgressPreviewController.class, ReconcileController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminApiProblems {

    @ExceptionHandler(WebhookRejectedException.class)
    ProblemDetail rejected(WebhookRejectedException rejected) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(rejected.status()), rejected.detail());
        problem.setTitle(rejected.title());
        if (!rejected.fields().isEmpty()) {
            problem.setProperty("errors", rejected.fields());
        }
        return problem;
    }

    @ExceptionHandler(InvalidSelectionException.class)
    ProblemDetail invalid(InvalidSelectionException invalid) {
        return badRequest("Field " + String.join(", ", invalid.fields()) + ": " + invalid.problem() + ".",
                invalid.fields().stream().map(field -> new FieldProblem(field, invalid.problem())).toList());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException mismatch) {
        return badRequest("Field " + mismatch.getName() + " has the wrong type.",
                List.of(new FieldProblem(mismatch.getName(), "has the wrong type")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
        if (unreadable.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return badRequest("Field " + field + " has the wrong type.",
                    List.of(new FieldProblem(field, "has the wrong type")));
        }
        return badRequest("The body must be a JSON object.", List.of());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException notFound) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such " + notFound.what() + ".");
        problem.setTitle("Not Found");
        return problem;
    }

    private static ProblemDetail badRequest(String detail, List<FieldProblem> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        if (!fields.isEmpty()) {
            problem.setProperty("errors", fields);
        }
        return problem;
    }

    /** One invalid field: its name and what is wrong, never its value. */
    record FieldProblem(String field, String message) {
    }
}
