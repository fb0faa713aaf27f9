package dk.consenthub.egress;

import static dk.consenthub.egress.EgressGuards.MAILCHIMP;
import static dk.consenthub.egress.EgressGuards.guard;
import static dk.consenthub.egress.EgressGuards.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.consenthub.egress.EgressBlockedException.BlockReason;
import dk.consenthub.egress.EgressGuards.TestDestination;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EgressGuard}'s last look at the whole request: path, query, host, destination and headers. */
class EgressGuardFinalScanTests {

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
