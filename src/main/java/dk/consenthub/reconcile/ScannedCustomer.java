package dk.consenthub.reconcile;

import dk.consenthub.consent.ConsentReport;
import java.time.LocalDate;
import java.util.List;

/**
 * A Gecko customer as a reconcile scan saw it: the keyed fingerprint of the fields that matter, what the
 * customer says about consent, and what erasure and retention need (tag names, last booking). Nothing else of the
 * customer record is kept.
 */
public record ScannedCustomer(String customerId, String fingerprint, ConsentReport report, List<String> tags,
                              LocalDate lastBooking) {

    public ScannedCustomer {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
