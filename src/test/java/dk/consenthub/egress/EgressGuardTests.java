package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressBlockedException.BlockReason;
import dk.consenthub.system.CryptoProperties;
import dk.consenthub.system.KeyedHasher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressGuardTests {

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

    static EgressGuard guard(EgressProperties.Masking masking, SimpleMeterRegistry meters, TestDestination... destinations) {
        EgressProperties properties = new EgressProperties(4, Duration.ofMillis(10), Duration.ofSeconds(1),
                Map.of("mailchimp", List.of("*.api.mailchimp.com"), "rogue", List.of("*.api.mailchimp.com")),
                DENIED, Map.of("mailchimp", masking), List.of("diagnos", "botox", "allergi"));
        KeyedHasher hasher = new KeyedHasher(new CryptoProperties("k", Map.of("k", "x"), "test-secret"));
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

    @Nested
    class Projection {

        @Test
        void keepsOnlyAllowedFieldsAtEveryDepth() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email_address", "anna@example.dk");
            body.put("status", "subscribed");
            body.put("birthday", "1990-01-01");
            body.put("merge_fields", Map.of("FNAME", "Anna", "LNAME", "Jensen", "PHONE", "+45 20 30 40 50"));
            body.put("tags", List.of("vip", Map.of("nested", "x")));

            JsonNode sent = sent(guard(EgressProperties.Masking.REDACT).inspect(put(body)));

            assertThat(sent.fieldNames()).toIterable().containsExactly("email_address", "status", "merge_fields", "tags");
            assertThat(sent.path("merge_fields").fieldNames()).toIterable().containsExactly("FNAME");
            assertThat(sent.path("tags")).hasSize(1);
        }

        @Test
        void projectsEveryMemberOfABatch() throws Exception {
            Map<String, Object> body = Map.of("members", List.of(
                    Map.of("email_address", "a@example.dk", "customerNote", "allergi"),
                    Map.of("email_address", "b@example.dk", "merge_fields", Map.of("FNAME", "B", "BIRTHDAY", "01/01"))));

            JsonNode sent = sent(guard(EgressProperties.Masking.REDACT).inspect(put(body)));

            assertThat(sent.path("members").get(0).fieldNames()).toIterable().containsExactly("email_address");
            assertThat(sent.path("members").get(1).path("merge_fields").fieldNames()).toIterable().containsExactly("FNAME");
        }
    }

    @Nested
    class DeniedFields {

        @Test
        void aDeniedNameIsRemovedEvenWhenTheAllowListLetsItThrough() throws Exception {
            Map<String, Object> body = Map.of("email_address", "a@example.dk",
                    "merge_fields", Map.of("FNAME", "A", "NOTES", "behandling med botox"));

            JsonNode sent = sent(guard(EgressProperties.Masking.REDACT).inspect(put(body)));

            assertThat(sent.path("merge_fields").has("NOTES")).isFalse();
            assertThat(new String(guard(EgressProperties.Masking.REDACT).inspect(put(body)).body(), StandardCharsets.UTF_8))
                    .doesNotContain("botox");
        }

        @Test
        void namesMatchAsPartsCaseInsensitively() {
            SensitiveFieldPolicy policy = new SensitiveFieldPolicy(DENIED);

            assertThat(policy.isDenied("CUSTOMERIMPORTANTNOTE")).isTrue();
            assertThat(policy.isDenied("customer_notes")).isTrue();
            assertThat(policy.isDenied("DiagnosisCode")).isTrue();
            assertThat(policy.isDenied("beforeAfterPhotoUrl")).isTrue();
            assertThat(policy.isDenied("CPRNR")).isTrue();
            assertThat(policy.isDenied("email_address")).isFalse();
            assertThat(policy.isDenied("status")).isFalse();
            assertThat(policy.isDenied("FNAME")).isFalse();
        }
    }

    @Nested
    class HealthText {

        @Test
        void freeTextNamingAHealthMatterIsDroppedNotSent() throws Exception {
            Map<String, Object> body = Map.of("email_address", "a@example.dk",
                    "merge_fields", Map.of("FNAME", "Anna - Diagnose: rosacea"), "tags", List.of("vip", "BOTOX kunde"));

            JsonNode sent = sent(guard(EgressProperties.Masking.REDACT).inspect(put(body)));

            assertThat(sent.path("merge_fields").has("FNAME")).isFalse();
            assertThat(sent.path("tags")).hasSize(1);
            assertThat(sent.path("email_address").asText()).isEqualTo("a@example.dk");
        }

        @Test
        void termsMatchAtWordStartsOnly() {
            HealthTerms terms = new HealthTerms(List.of("diagnos", "acne"));

            assertThat(terms.mentions("diagnosis pending")).isTrue();
            assertThat(terms.mentions("Re: Diagnose")).isTrue();
            assertThat(terms.mentions("prognostic")).isFalse();
            assertThat(terms.mentions("Hacnessen")).isFalse();
        }
    }

    @Nested
    class CprMasking {

        @Test
        void redactsACprInFreeText() throws Exception {
            Map<String, Object> body = Map.of("email_address", "a@example.dk", "merge_fields", Map.of("FNAME", "Anna 010190-1234"));

            JsonNode sent = sent(guard(EgressProperties.Masking.REDACT).inspect(put(body)));

            assertThat(sent.path("merge_fields").path("FNAME").asText()).isEqualTo("Anna [CPR]");
        }

        @Test
        void hashesACprToAStableTokenThatIsNotItselfCprShaped() throws Exception {
            EgressGuard guard = guard(EgressProperties.Masking.HASH);
            String first = sent(guard.inspect(put(Map.of("merge_fields", Map.of("FNAME", "0101901234"))))).path("merge_fields").path("FNAME").asText();
            String again = sent(guard.inspect(put(Map.of("merge_fields", Map.of("FNAME", "010190-1234"))))).path("merge_fields").path("FNAME").asText();

            assertThat(first).startsWith("cpr-").isEqualTo(again).doesNotContainPattern("[0-9]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"02 02 92 2222", "01-01-90-1234", "010190 - 1234", "010190/1234", "010190_1234",
                "010190.1234", "01.01.1990-1234", "01/01/90-1234", "\uFF10\uFF11\uFF10\uFF11\uFF19\uFF10-\uFF11\uFF12\uFF13\uFF14",
                "010190\u200B1234", "010190\u00AD1234"})
        void redactsEveryWrittenFormInAFirstName(String written) throws Exception {
            Map<String, Object> body = Map.of("email_address", "a@example.dk", "merge_fields", Map.of("FNAME", "Karen " + written));

            JsonNode sent = sent(guard(EgressProperties.Masking.REDACT).inspect(put(body)));

            assertThat(sent.path("merge_fields").path("FNAME").asText()).isEqualTo("Karen [CPR]");
        }

        @Test
        void blockModeRefusesInsteadOfMasking() {
            assertThatThrownBy(() -> guard(EgressProperties.Masking.BLOCK)
                    .inspect(put(Map.of("merge_fields", Map.of("FNAME", "0101901234")))))
                    .isInstanceOfSatisfying(EgressBlockedException.class,
                            e -> assertThat(e.reason()).isEqualTo(BlockReason.CPR_RESIDUE));
        }

        @ParameterizedTest
        @ValueSource(strings = {"03-03-93-3333@example.dk", "anna.01.01.1990-1234@example.dk", "010190\u200B1234@example.dk",
                "\uFF10\uFF13\uFF10\uFF13\uFF19\uFF13\uFF13\uFF13\uFF13\uFF13@example.dk"})
        void anEmailCarryingACprInAnyWrittenFormIsBlocked(String email) {
            assertThatThrownBy(() -> guard(EgressProperties.Masking.REDACT).inspect(put(Map.of("email_address", email))))
                    .isInstanceOfSatisfying(EgressBlockedException.class,
                            e -> assertThat(e.reason()).isEqualTo(BlockReason.CPR_IN_IDENTIFIER));
        }

        @Test
        void anEmailCarryingACprIsBlockedNotRewritten() {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            assertThatThrownBy(() -> guard(EgressProperties.Masking.REDACT, meters, MAILCHIMP)
                    .inspect(put(Map.of("email_address", "anna0101901234@example.dk"))))
                    .isInstanceOfSatisfying(EgressBlockedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(BlockReason.CPR_IN_IDENTIFIER);
                        assertThat(e.getMessage()).contains("email_address").doesNotContain("0101901234").doesNotContain("anna");
                        assertThat(e.errorType()).isEqualTo("EGRESS_BLOCKED");
                    });
            assertThat(meters.counter("hub.egress.blocked", "destination", "mailchimp", "reason", "CPR_IN_IDENTIFIER").count())
                    .isEqualTo(1.0);
        }
    }

    @Nested
    class FinalScan {

        @Test
        void aCprInThePathBlocks() {
            EgressRequest request = new EgressRequest("mailchimp", "x", "GET", "/customers/0101901234", Map.of(), null, Set.of(), Set.of());

            assertThatThrownBy(() -> guard(EgressProperties.Masking.REDACT).inspect(request))
                    .isInstanceOfSatisfying(EgressBlockedException.class, e -> assertThat(e.reason()).isEqualTo(BlockReason.CPR_RESIDUE));
        }

        @Test
        void aCprInTheQueryBlocks() {
            EgressRequest request = new EgressRequest("mailchimp", "x", "GET", "/lists", Map.of("q", "010190 1234"), null, Set.of(), Set.of());

            assertThatThrownBy(() -> guard(EgressProperties.Masking.REDACT).inspect(request))
                    .isInstanceOf(EgressBlockedException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"01.01.1990-1234", "03-03-93-3333@example.dk", "010190\u200B1234",
                "\uFF10\uFF11\uFF10\uFF11\uFF19\uFF10\uFF11\uFF12\uFF13\uFF14"})
        void aCprInAnyWrittenFormInTheQueryBlocks(String written) {
            EgressRequest request = new EgressRequest("mailchimp", "x", "GET", "/lists", Map.of("q", written), null, Set.of(), Set.of());

            assertThatThrownBy(() -> guard(EgressProperties.Masking.REDACT).inspect(request))
                    .isInstanceOfSatisfying(EgressBlockedException.class, e -> assertThat(e.reason()).isEqualTo(BlockReason.CPR_RESIDUE));
        }

        @Test
        void anMd5MemberIdIsNotMistakenForACpr() {
            // 32 hex digits that contain a run reading as 01 01 90 1234
            EgressRequest request = new EgressRequest("mailchimp", "x", "GET",
                    "/lists/l1/members/ab0101901234cdef0123456789abcdef", Map.of(), null, Set.of(), Set.of());

            assertThat(guard(EgressProperties.Masking.REDACT).inspect(request).url().getPath()).endsWith("abcdef");
        }

        @Test
        void aHostOffTheAllowListBlocks() {
            TestDestination rogue = new TestDestination("rogue", "https://evil.example.com", Set.of("email_address"));
            EgressGuard guard = guard(EgressProperties.Masking.REDACT, new SimpleMeterRegistry(), MAILCHIMP, rogue);
            EgressRequest request = new EgressRequest("rogue", "x", "POST", "/collect", Map.of(), Map.of("email_address", "a@b.dk"), Set.of(), Set.of());

            assertThatThrownBy(() -> guard.inspect(request))
                    .isInstanceOfSatisfying(EgressBlockedException.class, e -> assertThat(e.reason()).isEqualTo(BlockReason.HOST_NOT_ALLOWED));
        }

        @Test
        void plainHttpToARemoteHostBlocks() {
            TestDestination insecure = new TestDestination("mailchimp", "http://us1.api.mailchimp.com/3.0", Set.of("email_address"));
            EgressGuard guard = guard(EgressProperties.Masking.REDACT, new SimpleMeterRegistry(), insecure);

            assertThatThrownBy(() -> guard.inspect(put(Map.of("email_address", "a@b.dk"))))
                    .isInstanceOfSatisfying(EgressBlockedException.class, e -> assertThat(e.reason()).isEqualTo(BlockReason.HOST_NOT_ALLOWED));
        }

        @Test
        void anUnknownDestinationBlocks() {
            EgressRequest request = new EgressRequest("nowhere", "x", "GET", "/", Map.of(), null, Set.of(), Set.of());

            assertThatThrownBy(() -> guard(EgressProperties.Masking.REDACT).inspect(request))
                    .isInstanceOfSatisfying(EgressBlockedException.class, e -> assertThat(e.reason()).isEqualTo(BlockReason.UNKNOWN_DESTINATION));
        }

        @Test
        void credentialsAreNotPartOfTheGuardedHeaders() {
            GuardedRequest guarded = guard(EgressProperties.Masking.REDACT).inspect(put(Map.of("email_address", "a@b.dk")));

            assertThat(guarded.headers()).doesNotContainKey("Authorization");
        }
    }

    @Nested
    class Properties {

        static final String[] FORMS = {"%s-%s", "%s%s", "%s %s", "%s\u00A0%s", "%s\u2013%s", "%s/%s", "%s_%s", "%s.%s",
                "%s - %s", "%s\u200B%s", "%s\u00AD-%s"};

        @Provide
        Arbitrary<String> cprs() {
            return Arbitraries.integers().between(0, 20_000).flatMap(day -> Arbitraries.integers().between(0, 9999)
                    .flatMap(seq -> Arbitraries.of(FORMS).map(form -> {
                        java.time.LocalDate date = java.time.LocalDate.of(1940, 1, 1).plusDays(day % 21_000);
                        String ddmmyy = String.format("%02d%02d%02d", date.getDayOfMonth(), date.getMonthValue(), date.getYear() % 100);
                        return String.format(form, ddmmyy, String.format("%04d", seq % 4000));
                    })));
        }

        @Property(tries = 500)
        void noCprLeavesWhereverItIsPlanted(@ForAll("cprs") String cpr,
                                           @ForAll("fieldNames") String field,
                                           @ForAll("words") String before,
                                           @ForAll("words") String after) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email_address", "client@example.dk");
            body.put("status", "subscribed");
            Map<String, Object> merge = new LinkedHashMap<>();
            merge.put("FNAME", "Anna");
            merge.put(field, before + " " + cpr + " " + after);
            body.put("merge_fields", merge);
            body.put(field, before + cpr + after);

            GuardedRequest guarded;
            try {
                guarded = guard(EgressProperties.Masking.REDACT).inspect(put(body));
            } catch (EgressBlockedException blocked) {
                return; // never sent: fine
            }
            String everything = guarded.url() + " " + guarded.headers() + " " + new String(guarded.body(), StandardCharsets.UTF_8);
            assertThat(DETECTOR.containsCpr(everything)).as(everything).isFalse();
        }

        @Provide
        Arbitrary<String> fieldNames() {
            return Arbitraries.of("FNAME", "NOTES", "CUSTOMERIMPORTANTNOTE", "comment", "address", "status", "tags");
        }

        @Provide
        Arbitrary<String> words() {
            return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzæøå .,:;()").ofMaxLength(20);
        }
    }
}
