package dk.consenthub.booking;

import dk.consenthub.egress.EgressDestination;
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
    private final URI baseUrl;

    GeckoDestination(BookingProperties properties) {
        this.properties = properties;
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
}
