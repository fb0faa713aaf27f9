package dk.consenthub.admin;

import com.fasterxml.jackson.databind.JsonMappingException;
import dk.consenthub.failed.InvalidSelectionException;
import dk.consenthub.system.RejectedRequestException.FieldProblem;
import dk.consenthub.system.RejectedRequestException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Problem documents of the admin JSON API (failed messages, replays, erasures, the egress preview, reconcile runs,
 * consent decisions, access requests): they name the fields at fault and never echo a value (an id, group or address someone typed
 * may be anything).
 */
@RestControllerAdvice(assignableTypes = {FailedMessagesController.class, ReplaysController.class,
        ErasureController.class, EgressPreviewController.class, ReconcileController.class, ConsentController.class,
        AccessController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminApiProblems {

    @ExceptionHandler(RejectedRequestException.class)
    ResponseEntity<Map<String, Object>> rejected(RejectedRequestException rejected) {
        return ResponseEntity.status(rejected.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(rejected.problem());
    }

    @ExceptionHandler(InvalidSelectionException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidSelectionException invalid) {
        return rejected(RejectedRequestException.badRequest(
                "Field " + String.join(", ", invalid.fields()) + ": " + invalid.problem() + ".",
                invalid.fields().stream().map(field -> new FieldProblem(field, invalid.problem())).toList()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException mismatch) {
        return rejected(RejectedRequestException.field(mismatch.getName(), "has the wrong type"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException unreadable) {
        if (unreadable.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return rejected(RejectedRequestException.field(field, "has the wrong type"));
        }
        return rejected(RejectedRequestException.badRequest("The body must be a JSON object.", List.of()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException notFound) {
        return rejected(RejectedRequestException.notFound(notFound.what()));
    }
}
