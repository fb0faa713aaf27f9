package dk.consenthub.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.NewsletterJournal;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Consent both ways: Gecko and Mailchimp decisions, their order, and what each system is told. */
@HubIntegrationTest
class ConsentSyncIntegrationTests {

    static final String GECKO_HOOK = "/webhooks/gecko/sandbox-gecko-webhook-token";
    static final String MAILCHIMP_HOOK = "/webhooks/mailchimp/sandbox-mailchimp-webhook-token";
    static final DateTimeFormatter FIRED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    InboxStore inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffTasks staffTasks;

    @Autowired
    Subjects subjects;

    record Person(String customerId, String email) {
    }

    static Person newPerson() {
        return new Person(TestIds.customerId(), TestIds.email("p"));
    }

    String gecko(Person person, boolean accepts) throws Exception {
        return gecko(person, accepts, "+45 20 30 40 50");
    }

    String gecko(Person person, boolean accepts, String mobile) throws Exception {
        Map<String, Object> payload = GeckoPayloads.customer(person.customerId(), person.email(), accepts ? "ja" : "nej");
        payload.put("CUSTOMERMOBILE", mobile);
        HttpResponse<String> response = hub.postJson(GECKO_HOOK, json.writeValueAsString(payload));
        assertThat(response.statusCode()).isIn(200, 202);
        return settled(json.readTree(response.body()).path("eventId").asText());
    }

    String mailchimpHook(String type, Person person, Instant firedAt, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", type);
        form.put("fired_at", FIRED_AT.format(firedAt));
        form.put("data[id]", MailchimpMembers.subscriberHash(person.email()));
        form.put("data[list_id]", "a1b2c3d4e5");
        form.put("data[email]", person.email());
        form.put("data[email_type]", "html");
        form.put("data[merges][EMAIL]", person.email());
        form.put("data[merges][FNAME]", "Mette");
        form.putAll(extra);
        HttpResponse<String> response = hub.postForm(MAILCHIMP_HOOK, form);
        assertThat(response.statusCode()).isIn(200, 202);
        try {
            return settled(json.readTree(response.body()).path("eventId").asText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    String settled(String eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.status(eventId)
                .map(s -> s == InboxStore.Status.DONE || s == InboxStore.Status.FAILED).orElse(false));
        return eventId;
    }

    List<String> statusesSent(Person person) {
        return NewsletterJournal.statusesSent(hub, person.email());
    }

    @Nested
    class FromGecko {

        @Test
        void aGrantThenAWithdrawalSubscribesThenUnsubscribes() throws Exception {
            Person person = newPerson();
            gecko(person, true);
            gecko(person, false);

            assertThat(statusesSent(person)).containsExactly("PUT subscribed", "PATCH unsubscribed");
        }

        @Test
        void aWithdrawalThenAGrantUnsubscribesThenResubscribesAsPending() throws Exception {
            Person person = newPerson();
            gecko(person, false);
            gecko(person, true);

            assertThat(statusesSent(person)).containsExactly("PATCH unsubscribed", "PUT pending");
        }

        @Test
        void theSmsFlagIsRecordedOnChangeOnly() throws Exception {
            Person person = newPerson();
            gecko(person, true); // CUSTOMERACCEPTSMARKETINGSMS "0" in the template
            gecko(person, false);

            String subject = jdbc.sql("select id from subject where gecko_customer_id = :c").param("c", person.customerId())
                    .query(String.class).single();
            assertThat(jdbc.sql("select granted from consent_ledger where subject_id = :s and purpose = 'SMS'")
                    .param("s", subject).query(Boolean.class).list()).containsExactly(false);
        }

        @Test
        void anUnchangedFlagIsNotANewDecision() throws Exception {
            Person person = newPerson();
            gecko(person, true);
            gecko(person, true, "+45 99 88 77 66");
            gecko(person, true, "+45 11 22 33 44");

            assertThat(statusesSent(person)).containsExactly("PUT subscribed");
        }
    }

    @Nested
    class FromMailchimp {

        @Test
        void theUrlCheckAnswers200() {
            assertThat(hub.get(MAILCHIMP_HOOK).statusCode()).isEqualTo(200);
            assertThat(hub.get("/webhooks/mailchimp/anything").statusCode()).isEqualTo(200);
        }

        @Test
        void aWrongTokenIsRefusedAndStoresNothing() {
            long before = jdbc.sql("select count(*) from inbox_event").query(Long.class).single();
            HttpResponse<String> response = hub.postForm("/webhooks/mailchimp/wrong", Map.of("type", "unsubscribe",
                    "fired_at", "2026-01-01 10:00:00", "data[email]", "x@example.dk"));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(jdbc.sql("select count(*) from inbox_event").query(Long.class).single()).isEqualTo(before);
        }

        @Test
        void aBadFormNamesTheFieldWithoutEchoingIt() throws Exception {
            HttpResponse<String> response = hub.postForm(MAILCHIMP_HOOK, Map.of("type", "unsubscribe",
                    "fired_at", "yesterday", "data[email]", "x@example.dk"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("errors").findValuesAsText("field")).contains("fired_at");
            assertThat(response.body()).doesNotContain("yesterday");
        }

        @Test
        void aRepeatedDeliveryIsOneEvent() {
            Person person = newPerson();
            Instant firedAt = Instant.now().minusSeconds(5);
            String first = mailchimpHook("unsubscribe", person, firedAt, Map.of("data[action]", "unsub", "data[reason]", "manual"));
            String again = mailchimpHook("unsubscribe", person, firedAt, Map.of("data[action]", "unsub", "data[reason]", "manual"));

            assertThat(again).isEqualTo(first);
        }

        @Test
        void anUnsubscribeOfAGeckoCustomerIsListedForStaffWhileWriteBackIsOff() throws Exception {
            Person person = newPerson();
            gecko(person, true);
            mailchimpHook("unsubscribe", person, Instant.now(), Map.of("data[action]", "unsub", "data[reason]", "manual"));

            assertThat(staffTasks.open()).anySatisfy(task -> {
                assertThat(task.geckoCustomerId()).isEqualTo(person.customerId());
                assertThat(task.kind()).isEqualTo("NEWSLETTER_WITHDRAWN");
            });
            HttpResponse<String> listed = hub.get("/admin/consent/staff-tasks", "Authorization",
                    Hub.ADMIN);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("\"geckoCustomerId\":\"" + person.customerId() + "\"");
            assertThat(Journal.requests(hub.gecko(),
                    r -> r.getUrl().endsWith("/customer/" + person.customerId()))).isEmpty();
        }

        @Test
        void anUpemailMovesTheAddress() throws Exception {
            Person person = newPerson();
            gecko(person, true);
            Person moved = new Person(person.customerId(), "new." + person.email());
            mailchimpHook("upemail", person, Instant.now(), Map.of("data[old_email]", person.email(),
                    "data[new_email]", moved.email(), "data[new_id]", MailchimpMembers.subscriberHash(moved.email())));

            long subjects = jdbc.sql("select count(*) from subject where gecko_customer_id = :c")
                    .param("c", person.customerId()).query(Long.class).single();
            assertThat(subjects).isEqualTo(1);
            // a later withdrawal in Gecko is sent for the new address
            gecko(moved, false);
            assertThat(statusesSent(moved)).containsExactly("PATCH unsubscribed");
        }
    }

    @Nested
    class ConflictRules {

        @Test
        void aMailchimpUnsubscribeIsNotUndoneByTheNextUnrelatedGeckoUpdate() throws Exception {
            Person person = newPerson();
            gecko(person, true);
            mailchimpHook("unsubscribe", person, Instant.now(), Map.of("data[action]", "unsub", "data[reason]", "manual"));
            gecko(person, true, "+45 40 50 60 70"); // the customer changed their phone number

            assertThat(statusesSent(person)).containsExactly("PUT subscribed");
        }

        @Test
        void aGeckoGrantOlderThanTheMailchimpUnsubscribeDoesNotResubscribe() throws Exception {
            Person person = newPerson();
            gecko(person, false);
            // the unsubscribe was made after the moment the Gecko grant below carries
            mailchimpHook("unsubscribe", person, Instant.now().plusSeconds(3600), Map.of("data[reason]", "manual"));
            gecko(person, true);

            assertThat(statusesSent(person)).containsExactly("PATCH unsubscribed");
        }

        @Test
        void aNewerGeckoGrantResubscribesAsPending() throws Exception {
            Person person = newPerson();
            gecko(person, false);
            mailchimpHook("unsubscribe", person, Instant.now().minusSeconds(3600), Map.of("data[reason]", "manual"));
            gecko(person, true);

            assertThat(statusesSent(person)).containsExactly("PATCH unsubscribed", "PUT pending");
        }

        @Test
        void aCleanedAddressIsAWithdrawal() throws Exception {
            Person person = newPerson();
            gecko(person, true);
            mailchimpHook("cleaned", person, Instant.now(), Map.of("data[reason]", "hard"));
            gecko(person, true, "+45 12 12 12 12");

            assertThat(statusesSent(person)).containsExactly("PUT subscribed");
            String subject = jdbc.sql("select id from subject where gecko_customer_id = :c").param("c", person.customerId())
                    .query(String.class).single();
            assertThat(jdbc.sql("select granted from consent_ledger where subject_id = :s and source = 'MAILCHIMP'")
                    .param("s", subject).query(Boolean.class).single()).isFalse();
        }

        @Test
        void outOfOrderDeliveriesLandInOrder() throws Exception {
            Person person = newPerson();
            Instant now = Instant.now();
            mailchimpHook("unsubscribe", person, now.minusSeconds(60), Map.of("data[reason]", "manual"));
            mailchimpHook("subscribe", person, now.minusSeconds(120), Map.of());

            String subject = subjects.byEmail(person.email()).orElseThrow().id();
            Boolean granted = jdbc.sql("""
                    select granted from consent_ledger where subject_id = :s
                    order by occurred_at desc, granted asc, id desc limit 1""").param("s", subject).query(Boolean.class).single();
            assertThat(granted).isFalse();
        }
    }
}
