package dk.consenthub.booking;

import dk.consenthub.inbox.InputChecks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * What the hub keeps of a Gecko "Kunde: Stamdata opdateret" delivery: identifiers and consent flags only.
 * Notes, birthday, journal text and anything else in the template are dropped before storage.
 *
 * @param acceptsMarketingEmail {@code null} when the template does not carry the flag
 * @param lastBooking the customer's last booking (the end of the relationship, for retention), if the template has it
 */
public record GeckoCustomerEvent(
        @NotBlank @Pattern(regexp = InputChecks.CUSTOMER_ID) String customerId,
        @Pattern(regexp = InputChecks.EMAIL) @Size(max = 254) String email,
        @Size(max = 100) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String firstName,
        Boolean acceptsMarketingEmail,
        Boolean acceptsMarketingSms,
        List<@Size(max = 100) String> tags,
        LocalDate lastBooking) {

    public static final String TYPE = "gecko.customer.updated";

    public GeckoCustomerEvent {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
