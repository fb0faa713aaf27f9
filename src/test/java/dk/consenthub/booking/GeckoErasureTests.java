package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.erasure.ErasureProperties;
import dk.consenthub.erasure.ErasureSubject;
import dk.consenthub.erasure.ErasureWork;
import dk.consenthub.erasure.TaskOutcome;
import dk.consenthub.erasure.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Gecko part of an erasure: staff delete (the default) or a configured anonymize endpoint. */
class GeckoErasureTests {

    static final ErasureWork WORK = new ErasureWork("task-1", "case-1", "gecko", "customer record", 0,
            new ErasureSubject("subject-1", "41292", "lene@example.dk"));

    static GeckoErasure erasure(boolean anonymize) {
        return new GeckoErasure(new ErasureProperties(Duration.ofDays(30), Duration.ofDays(5), 1000, 1000, "0 0 2 * * ?",
                "0 0 * * * ?", 50, 4, Duration.ofMinutes(5), 10, Duration.ofMinutes(1), Duration.ofHours(1),
                "Slet data", "Verserende sag", Period.ofYears(5), true, 25, anonymize, 20, List.of()), new ObjectMapper());
    }

    @Test
    void byDefaultStaffDeleteAndTheHubOnlyLooksWhetherTheCustomerIsGone() throws Exception {
        GeckoErasure manual = erasure(false);
        assertThat(manual.initialStatus()).isEqualTo(TaskStatus.MANUAL);
        EgressRequest lookup = manual.request(WORK);
        assertThat(lookup.method()).isEqualTo("GET");
        assertThat(lookup.path()).isEqualTo("/customer/41292");
        assertThat(lookup.query()).containsEntry("fields", "customerId,status");
        assertThat(lookup.doneStatuses()).containsExactly(404);

        assertThat(manual.outcome(200, bytes("{\"customerId\":41292,\"status\":\"active\"}"), WORK).status())
                .isEqualTo(TaskStatus.MANUAL);
        assertThat(manual.outcome(200, bytes("{\"customerId\":41292,\"status\":\"anonymized\"}"), WORK))
                .extracting(TaskOutcome::status).isEqualTo(TaskStatus.DONE);
        assertThat(manual.outcome(404, bytes(""), WORK).outcome()).contains("no longer in Gecko");
    }

    @Test
    void aConfiguredAnonymizeEndpointIsCalledWithTheTaskAsRequestId() throws Exception {
        GeckoErasure anonymize = erasure(true);
        assertThat(anonymize.initialStatus()).isEqualTo(TaskStatus.PENDING);
        EgressRequest request = anonymize.request(WORK);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/customer/41292/anonymize");
        assertThat(request.body()).isEqualTo(Map.of("reason", "gdpr_erasure", "requestId", "task-1"));
        assertThat(request.doneStatuses()).isEqualTo(Set.of(404, 409));
        assertThat(anonymize.outcome(202, bytes("{\"status\":\"accepted\"}"), WORK))
                .isEqualTo(TaskOutcome.done("task-1", "anonymized by Gecko (202)"));
        assertThat(anonymize.outcome(409, bytes(""), WORK).outcome()).isEqualTo("already anonymized in Gecko");
    }

    @Test
    void aCustomerTheHubDoesNotKnowInGeckoIsNotApplicable() {
        assertThat(erasure(false).scopes(new ErasureSubject("s", null, "a@example.dk"))).isEmpty();
        assertThat(erasure(false).scopes(WORK.subject())).containsExactly("customer record");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
