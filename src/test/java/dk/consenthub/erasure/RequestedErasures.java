package dk.consenthub.erasure;

import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Hub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the erasure tests against the sandboxes share: an erasure requested as an admin requests it, and its receipt
 * awaited and read. It holds no tests.
 */
abstract class RequestedErasures {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    String requestByEmail(String email) throws Exception {
        HttpResponse<String> response = hub.postJson("/admin/erasures",
                "{\"email\":\"" + email + "\",\"reason\":\"subject-request\"}", "Authorization", ADMIN);
        assertThat(response.statusCode()).isIn(200, 202);
        return json.readTree(response.body()).path("caseId").asText();
    }

    JsonNode awaitReceipt(String caseId, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                last[0] = json.readTree(hub.get("/admin/erasures/" + caseId, "Authorization", ADMIN).body());
                return condition.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            throw new AssertionError("the receipt never got there; last seen: " + last[0], timeout);
        }
        return last[0];
    }

    static JsonNode task(JsonNode receipt, String target) {
        for (JsonNode task : receipt.path("tasks")) {
            if (task.path("target").asText().equals(target)) {
                return task;
            }
        }
        return json().nullNode();
    }

    private static com.fasterxml.jackson.databind.node.JsonNodeFactory json() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    }
}
