package dk.consenthub.erasure;

import java.time.LocalDate;
import java.util.List;

/** What erasure and retention learn from a Gecko customer update: identifiers, last booking and tag names. */
public record CustomerFacts(String geckoCustomerId, String email, LocalDate lastBooking, List<String> tags) {

    @Override
    public String toString() {
        return "CustomerFacts[" + geckoCustomerId + "]";
    }
}
