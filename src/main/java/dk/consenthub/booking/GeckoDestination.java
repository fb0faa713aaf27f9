package dk.consenthub.booking;

import dk.consenthub.egress.EgressDestination;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.egress.PreviewCustomer;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Gecko Booking as the egress guard sees it: the hub only ever writes consent flags and erasure requests. */
@Component
class GeckoDestination implements EgressDestination {

    static final String NAME = "gecko";

    private static final Set<String> ALLOWED = Set.of("customerAcceptsMarketingEmail", "customerAcceptsMarketingSms",
            "reason", "requestId");

    private final BookingProperties properties;
    private final GeckoWrites writes;
    private final URI baseUrl;

    GeckoDestination(BookingProperties properties, GeckoWrites writes) {
        this.properties = properties;
        this.writes = writes;
        this.baseUrl = URI.create(properties.baseUrl());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public Set<String> allowedFields() {
        return ALLOWED;
    }

    @Override
    public Map<String, String> credentials() {
        return Map.of("Authorization", "Bearer " + properties.apiToken());
    }

    /** The consent write-back: the customer's newsletter flag, and nothing else. */
    @Override
    public EgressRequest preview(PreviewCustomer customer) {
        return writes.newsletterConsent(customer.requiredCustomerId(),
                Boolean.TRUE.equals(customer.acceptsMarketingEmail()));
    }
}
