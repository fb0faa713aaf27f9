package dk.consenthub.egress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.system.CryptoProperties;
import dk.consenthub.system.KeyedHasher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the unit tests of {@link EgressGuard} share: a guard over test destinations with a fixed deny-list and health
 * terms, the Mailchimp-shaped request it inspects, and the body it let through.
 */
final class EgressGuards {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CprDetector DETECTOR = new CprDetector();
    static final List<String> DENIED = List.of("cpr", "personnummer", "health", "diagnos", "treatment", "journal",
            "note", "medication", "medicin", "allerg", "photo", "image");

    record TestDestination(String name, String base, Set<String> allowedFields) implements EgressDestination {
        @Override
        public URI baseUrl() {
            return URI.create(base);
        }

        @Override
        public Map<String, String> credentials() {
            return Map.of("Authorization", "Basic secret");
        }

        @Override
        public EgressRequest preview(PreviewCustomer customer) {
            throw new PreviewRefusedException("destination", "has no preview in this test");
        }
    }

    static final TestDestination MAILCHIMP = new TestDestination("mailchimp", "https://us1.api.mailchimp.com/3.0",
            Set.of("email_address", "status", "merge_fields.FNAME", "merge_fields.NOTES", "members[].email_address",
                    "members[].merge_fields.FNAME", "tags[]"));

    private EgressGuards() {
    }

    static EgressGuard guard(EgressProperties.Masking masking, SimpleMeterRegistry meters, TestDestination... destinations) {
        EgressProperties properties = new EgressProperties(4, Duration.ofMillis(10), Duration.ofSeconds(1),
                Map.of("mailchimp", List.of("*.api.mailchimp.com"), "rogue", List.of("*.api.mailchimp.com")),
                DENIED, Map.of("mailchimp", masking), List.of("diagnos", "botox", "allergi"));
        KeyedHasher hasher = new KeyedHasher(new CryptoProperties("k", Map.of("k", "x"), "test-secret", "0 20 * * * ?"));
        return new EgressGuard(List.of(destinations), properties, DETECTOR, hasher, JSON, meters);
    }

    static EgressGuard guard(EgressProperties.Masking masking) {
        return guard(masking, new SimpleMeterRegistry(), MAILCHIMP);
    }

    static EgressRequest put(Object body) {
        return new EgressRequest("mailchimp", "member-upsert", "PUT", "/lists/l1/members/abc", Map.of(), body,
                Set.of("email_address", "members[].email_address"), Set.of());
    }

    static JsonNode sent(GuardedRequest request) throws Exception {
        return JSON.readTree(request.body());
    }
}
