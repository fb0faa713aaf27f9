package dk.consenthub.failed;

import java.util.List;

/**
 * An admin request to the failed store that cannot be carried out as asked. Names the fields at fault, never
 * their values.
 */
public class InvalidSelectionException extends RuntimeException {

    private final List<String> fields;
    private final String problem;

    public InvalidSelectionException(String field, String problem) {
        this(List.of(field), problem);
    }

    public InvalidSelectionException(List<String> fields, String problem) {
        super(String.join(", ", fields) + ": " + problem, null, false, false);
        this.fields = List.copyOf(fields);
        this.problem = problem;
    }

    public List<String> fields() {
        return fields;
    }

    /** What is wrong, in words that apply to every named field. */
    public String problem() {
        return problem;
    }
}
