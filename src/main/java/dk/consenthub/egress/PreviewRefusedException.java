package dk.consenthub.egress;

/**
 * A destination cannot preview its request: a field of the customer or a setting it needs is missing. The
 * message says what is wrong with {@link #field()} and never quotes a value.
 */
public class PreviewRefusedException extends RuntimeException {

    private final String field;

    public PreviewRefusedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
