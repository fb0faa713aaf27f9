package dk.consenthub.egress;

import static dk.consenthub.egress.EgressGuards.DENIED;
import static dk.consenthub.egress.EgressGuards.MAILCHIMP;
import static dk.consenthub.egress.EgressGuards.guard;
import static dk.consenthub.egress.EgressGuards.put;
import static dk.consenthub.egress.EgressGuards.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dk.consenthub.egress.EgressBlockedException.BlockReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What of a body {@link EgressGuard} lets through: allowed fields only, no denied name, no health text, no CPR. */
class EgressGuardTests {

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
}
