package dk.consenthub.erasure;

import static dk.consenthub.support.Hub.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.Subjects;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoCustomerList;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.MovableClock;
import dk.consenthub.support.TestIds;
import dk.consenthub.support.TestWebhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Retention on a controlled clock, in a hub of its own (an empty database, so "exactly these cases" is checkable):
 * former customers 5 years after their last booking unless held, prospects who withdrew, and the erasure tag.
 */
@HubIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class RetentionIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    Subjects subjects;

    @Autowired
    ErasureCases cases;

    @Autowired
    RetentionRules retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSweepOpensExactlyWhatTheDryRunListed() throws Exception {
        TestWebhooks webhooks = hub.webhooks();
        MovableClock movable = hub.clock();
        movable.moveTo(Instant.parse("2030-06-01T10:00:00Z"));
        List<String> ids = TestIds.customerIds(4);

        gecko(webhooks, ids.get(0), "former@example.dk", "2024-05-31", "VIP");                // 6 years ago: due
        gecko(webhooks, ids.get(1), "held@example.dk", "2024-05-31", "Verserende sag");       // held
        gecko(webhooks, ids.get(2), "recent@example.dk", "10-01-2027", "VIP");                // 3 years ago
        // asks for erasure now, and Gecko confirms it
        GeckoCustomerList.stubCustomer(hub.gecko(), GeckoCustomerList.customer(ids.get(3), "tagged@example.dk", true,
                "Slet data"));
        gecko(webhooks, ids.get(3), "tagged@example.dk", "2030-05-01", "Slet data");
        mailchimp(webhooks, "subscribe", "prospect.withdrew@example.dk");
        mailchimp(webhooks, "unsubscribe", "prospect.withdrew@example.dk");
        mailchimp(webhooks, "subscribe", "prospect.stays@example.dk");

        String former = ref(subjects.byGeckoCustomer(ids.get(0)).orElseThrow().id());
        String prospect = ref(subjects.byEmail("prospect.withdrew@example.dk").orElseThrow().id());

        HttpResponse<String> dryRun = hub.post("/admin/retention/dry-run", "application/json", new byte[0],
                "Authorization", ADMIN);
        assertThat(dryRun.statusCode()).isEqualTo(200);
        JsonNode listed = json.readTree(dryRun.body());
        assertThat(listed.path("asOf").asText()).isEqualTo("2030-06-01");
        assertThat(pairs(listed)).containsExactlyInAnyOrder(former + " former-customer", prospect + " prospect-withdrew");
        assertThat(dryRun.body()).doesNotContain("@example.dk").doesNotContain(ids.toArray(String[]::new));
        assertThat(countCases("retention")).as("a dry run opens nothing").isZero();

        RetentionRules.Sweep sweep = retention.sweep();
        assertThat(sweep.opened()).isEqualTo(2);
        assertThat(sweep.candidates()).extracting(c -> c.subjectRef() + " " + c.rule())
                .containsExactlyInAnyOrderElementsOf(pairs(listed));
        assertThat(jdbc.sql("select subject_ref || ' ' || reason from erasure_case where trigger_source = 'retention'")
                .query(String.class).list()).containsExactlyInAnyOrderElementsOf(pairs(listed));
        assertThat(pairs(json.readTree(hub.post("/admin/retention/dry-run", "application/json", new byte[0],
                "Authorization", ADMIN).body()))).as("nothing left to open").isEmpty();

        // the erasure tag opened its own case at once, and the tagged customer was never synced
        assertThat(jdbc.sql("select count(*) from erasure_case where trigger_source = 'gecko-tag'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(Journal.requests(hub.mailchimp(),
                r -> r.getUrl().contains(MailchimpMembers.subscriberHash("tagged@example.dk")) && r.getMethod().getName().equals("PUT")))
                .isEmpty();

        // five years after the recent customer's last booking, they are due too
        movable.moveTo(Instant.parse("2032-01-11T10:00:00Z"));
        String recent = ref(subjects.byGeckoCustomer(ids.get(2)).orElseThrow().id());
        assertThat(retention.dryRun().candidates()).extracting(c -> c.subjectRef() + " " + c.rule())
                .containsExactly(recent + " former-customer");
    }

    String ref(String subjectId) {
        return cases.subjectRef(subjectId);
    }

    int countCases(String trigger) {
        return jdbc.sql("select count(*) from erasure_case where trigger_source = :t").param("t", trigger)
                .query(Integer.class).single();
    }

    static Set<String> pairs(JsonNode sweep) {
        return java.util.stream.StreamSupport.stream(sweep.path("candidates").spliterator(), false)
                .map(c -> c.path("subjectRef").asText() + " " + c.path("rule").asText()).collect(Collectors.toSet());
    }

    void gecko(TestWebhooks webhooks, String id, String email, String lastBooking, String tag) throws Exception {
        Map<String, Object> payload = GeckoPayloads.customer(id, email, "ja");
        payload.put("CUSTOMERLASTBOOKINGDATE", lastBooking);
        payload.put("CUSTOMERTAGS", List.of(Map.of("CUSTOMERTAGID", "9", "CUSTOMERTAGNAME", tag, "CUSTOMERTAGVALUE", "")));
        webhooks.gecko(payload);
    }

    void mailchimp(TestWebhooks webhooks, String type, String email) throws Exception {
        webhooks.mailchimp(type, email, hub.clock().instant());
        hub.clock().advance(Duration.ofSeconds(5));
    }
}
