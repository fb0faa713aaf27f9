package dk.consenthub.egress;

/**
 * A customer an admin asks to preview a destination's request for, as read from a Gecko customer payload: what
 * a destination needs to build the request it would send. Nothing of it is stored or sent.
 *
 * @param acceptsMarketingEmail {@code null} when the payload does not say
 */
public record PreviewCustomer(String customerId, String email, String firstName, Boolean acceptsMarketingEmail) {

    /** The address, for a destination that cannot preview without one. */
    public String requiredEmail() {
        return required(email, "CUSTOMEREMAIL");
    }

    /** The Gecko customer id, for a destination that cannot preview without one. */
    public String requiredCustomerId() {
        return required(customerId, "CUSTOMERID");
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PreviewRefusedException(field, "is required for this destination");
        }
        return value;
    }
}
