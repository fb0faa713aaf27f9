package dk.consenthub.erasure;

/**
 * A Gecko customer as Gecko's REST API shows them now, read to verify an erasure no operator asked for.
 *
 * @param customer {@code null} when Gecko has no such customer (404)
 */
public record CustomerLookup(CustomerFacts customer) {

    public static CustomerLookup gone() {
        return new CustomerLookup(null);
    }

    public boolean found() {
        return customer != null;
    }
}
