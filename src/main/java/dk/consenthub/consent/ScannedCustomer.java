package dk.consenthub.consent;

/**
 * A Gecko customer as a reconcile scan saw it: the keyed fingerprint of the fields that matter, and what the
 * customer says about consent. Nothing else of the customer record is kept.
 */
public record ScannedCustomer(String customerId, String fingerprint, ConsentReport report) {
}
