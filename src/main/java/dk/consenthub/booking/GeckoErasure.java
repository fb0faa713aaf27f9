package dk.consenthub.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.erasure.ErasureProperties;
import dk.consenthub.erasure.ErasureQueue;
import dk.consenthub.erasure.ErasureSubject;
import dk.consenthub.erasure.ErasureTarget;
import dk.consenthub.erasure.ErasureWork;
import dk.consenthub.erasure.TaskOutcome;
import dk.consenthub.erasure.TaskStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Erasure in Gecko. Gecko has no public erase endpoint: by default staff delete the customer in Gecko's back office
 * (the patient journal stays, by law) and the task closes itself once Gecko no longer has the customer, or shows
 * them anonymized. A clinic whose Gecko offers {@code POST /customer/{id}/anonymize} sets hub.erasure.gecko-anonymize.
 */
@Component("geckoErasure")
class GeckoErasure implements ErasureTarget {

    static final String STAFF_INSTRUCTION = "waiting for staff: delete the customer in Gecko's back office "
            + "(Permanently delete data); the patient journal stays";

    private final ErasureProperties properties;
    private final ObjectMapper json;

    GeckoErasure(ErasureProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String name() {
        return GeckoDestination.NAME;
    }

    @Override
    public List<String> scopes(ErasureSubject subject) {
        return subject.geckoCustomerId() == null ? List.of() : List.of("customer record");
    }

    @Override
    public String notApplicable() {
        return "not a Gecko customer as far as the hub knows";
    }

    /** Manual tasks start due: if Gecko no longer has the customer, the first look closes the task. */
    @Override
    public TaskStatus initialStatus() {
        return properties.geckoAnonymize() ? TaskStatus.PENDING : TaskStatus.MANUAL;
    }

    public EgressRequest request(@ExchangeProperty(ErasureQueue.WORK) ErasureWork work) {
        String customer = "/customer/" + URLEncoder.encode(work.subject().geckoCustomerId(), StandardCharsets.UTF_8);
        if (properties.geckoAnonymize()) {
            return new EgressRequest(GeckoDestination.NAME, "customer-anonymize", "POST", customer + "/anonymize",
                    Map.of(), Map.of("reason", "gdpr_erasure", "requestId", work.taskId()), Set.of(), Set.of(404, 409));
        }
        return new EgressRequest(GeckoDestination.NAME, "customer-lookup", "GET", customer,
                Map.of("fields", "customerId,status"), null, Set.of(), Set.of(404));
    }

    /** Only the customer's status is read from Gecko's answer; nothing of it is kept. */
    public TaskOutcome outcome(@Header(Exchange.HTTP_RESPONSE_CODE) int status, @Body byte[] body,
                               @ExchangeProperty(ErasureQueue.WORK) ErasureWork work) throws IOException {
        if (status == 404) {
            return TaskOutcome.done(null, "the customer is no longer in Gecko");
        }
        if (properties.geckoAnonymize()) {
            return status == 409 ? TaskOutcome.done(work.taskId(), "already anonymized in Gecko")
                    : TaskOutcome.done(work.taskId(), "anonymized by Gecko (" + status + ")");
        }
        JsonNode customer = body == null || body.length == 0 ? null : json.readTree(body);
        if (customer != null && "anonymized".equalsIgnoreCase(customer.path("status").asText(""))) {
            return TaskOutcome.done(null, "the customer is anonymized in Gecko");
        }
        return TaskOutcome.manual(STAFF_INSTRUCTION);
    }
}
