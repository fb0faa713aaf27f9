package dk.consenthub.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Erasures no operator asked for, as a test needs them: Gecko customers tagged "Slet data" in a webhook, each
 * confirmed by a stub of {@code GET /api/v1/customer/{id}}.
 */
public final class AutomaticErasures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AutomaticErasures() {
    }

    /** A webhook saying the customer carries the erasure tag, under the address {@code claimed}. */
    public static void tagWebhook(Hub hub, String customerId, String claimed) throws Exception {
        Map<String, Object> payload = GeckoPayloads.customer(customerId, claimed, "ja");
        payload.put("CUSTOMERTAGS", "Slet data");
        hub.webhooks().gecko(payload);
    }

    /**
     * {@code count} customers Gecko confirms as tagged, in an hour of their own ({@code hour}: automatic cases of
     * other tests do not count against the brake), once each case is verified.
     *
     * @return the customer ids
     */
    public static List<String> confirmedTags(Hub hub, Instant hour, int count) throws Exception {
        hub.clock().moveTo(hour);
        List<String> ids = TestIds.customerIds(count);
        for (String id : ids) {
            GeckoCustomerList.stubCustomer(hub.gecko(), GeckoCustomerList.customer(id, TestIds.email("c" + id), true,
                    "Slet data"));
            tagWebhook(hub, id, TestIds.email("c" + id));
        }
        return ids;
    }

    /** The cases now waiting for an operator's approval, as the erasure API lists them. */
    public static List<String> awaitingApproval(Hub hub, int atLeast) {
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ids.clear();
            JsonNode cases = JSON.readTree(hub.get("/admin/erasures?status=AWAITING_APPROVAL", "Authorization",
                    Hub.ADMIN).body());
            cases.forEach(c -> ids.add(c.path("id").asText()));
            return ids.size() >= atLeast;
        });
        return List.copyOf(ids);
    }
}
