package dk.consenthub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.NewsletterJournal;
import dk.consenthub.support.PhoneDecisions;
import dk.consenthub.support.PhoneDecisions.Person;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A person phones the clinic: staff record the decision (POST /admin/consent) and the hub carries it out. */
@HubIntegrationTest
class ConsentByPhoneIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffTasks staffTasks;

    @Autowired
    InboxStore inbox;

    @Autowired
    Subjects subjects;

    PhoneDecisions phone;

    @BeforeEach
    void setUp() {
        phone = new PhoneDecisions(hub, json, inbox);
    }

    Person geckoCustomer() throws Exception {
        return phone.geckoCustomer();
    }

    void gecko(Person person, String accepts, String mobile) throws Exception {
        phone.gecko(person, accepts, mobile);
    }

    HttpResponse<String> post(String body, String authorization) {
        return phone.post(body, authorization);
    }

    void decide(Person person, String decision, String... purposes) throws Exception {
        phone.decide(person, decision, purposes);
    }

    List<String> staffTaskKinds(Person person) {
        return staffTasks.open().stream().filter(task -> person.customerId().equals(task.geckoCustomerId()))
                .map(StaffTasks.Task::kind).toList();
    }

    Boolean inForce(Person person, Purpose purpose) {
        String subject = subjects.byGeckoCustomer(person.customerId()).orElseThrow().id();
        return jdbc.sql("""
                select granted from consent_ledger where subject_id = :s and purpose = :p
                order by occurred_at desc, granted asc, id desc limit 1""")
                .param("s", subject).param("p", purpose.name()).query(Boolean.class).single();
    }

    List<String> adminDecisions(Person person) {
        String subject = subjects.byGeckoCustomer(person.customerId()).orElseThrow().id();
        return jdbc.sql("select purpose, granted from consent_ledger where subject_id = :s and source = 'ADMIN' order by purpose")
                .param("s", subject).query((rs, n) -> rs.getString(1) + "=" + rs.getBoolean(2)).list();
    }

    @Nested
    class CarriedOut {

        @Test
        void aNewsletterWithdrawalReachesMailchimpButNotTheSmsFlag() throws Exception {
            Person person = geckoCustomer();

            decide(person, "withdraw", "NEWSLETTER");

            assertThat(NewsletterJournal.statusesSent(hub, person.email()))
                    .containsExactly("PUT subscribed", "PATCH unsubscribed");
            assertThat(adminDecisions(person)).containsExactly("NEWSLETTER=false");
            assertThat(inForce(person, Purpose.SMS)).isTrue();
            // write-back is off: Gecko learns of the newsletter through staff, and nothing is asked about SMS
            assertThat(staffTaskKinds(person)).containsExactly("NEWSLETTER_WITHDRAWN");
            assertThat(Journal.requests(hub.gecko(), r -> r.getUrl().contains("/customer/" + person.customerId())))
                    .isEmpty();
        }

        @Test
        void aWithdrawalOfEverythingDoesEverything() throws Exception {
            Person person = geckoCustomer();

            decide(person, "withdraw", "NEWSLETTER", "SMS", "ANALYTICS");

            assertThat(NewsletterJournal.statusesSent(hub, person.email()))
                    .containsExactly("PUT subscribed", "PATCH unsubscribed");
            assertThat(adminDecisions(person)).containsExactly("ANALYTICS=false", "NEWSLETTER=false", "SMS=false");
            assertThat(staffTaskKinds(person)).containsExactlyInAnyOrder("NEWSLETTER_WITHDRAWN", "SMS_WITHDRAWN");
            assertThat(staffTasks.open()).filteredOn(task -> person.customerId().equals(task.geckoCustomerId()))
                    .extracting(StaffTasks.Task::detail)
                    .contains("Customer " + person.customerId() + " withdrew SMS consent through the clinic's staff: "
                            + "untick marketing SMS in Gecko.")
                    .noneMatch(detail -> detail.contains("rosacea"));
            // Google is not asked: there is no consent to switch off there, and deleting its data is an erasure
            assertThat(Journal.requests(hub.google())).noneMatch(r -> Journal.everything(r).contains(person.email()));
        }

        @Test
        void aGrantByPhoneSubscribesAPersonKnownOnlyByAddress() throws Exception {
            String email = TestIds.email("caller");
            HttpResponse<String> response = post("{\"email\":\"" + email + "\",\"purposes\":[\"newsletter\"],"
                    + "\"decision\":\"grant\"}", Hub.ADMIN);
            assertThat(response.statusCode()).isEqualTo(202);
            phone.carriedOut(response);

            assertThat(NewsletterJournal.statusesSent(hub, email)).containsExactly("PUT subscribed");
        }
    }

    @Nested
    class ConflictRules {

        @Test
        void aStaleGeckoYesDoesNotUndoTheWithdrawal() throws Exception {
            Person person = geckoCustomer();
            decide(person, "withdraw", "NEWSLETTER", "SMS");

            gecko(person, "ja", "+45 40 50 60 70"); // Gecko still shows both flags ticked; the phone number changed

            assertThat(NewsletterJournal.statusesSent(hub, person.email()))
                    .containsExactly("PUT subscribed", "PATCH unsubscribed");
            assertThat(inForce(person, Purpose.NEWSLETTER)).isFalse();
            assertThat(inForce(person, Purpose.SMS)).isFalse();
        }

        @Test
        void aGeckoYesFirstSeenAfterTheWithdrawalDoesNotSubscribe() throws Exception {
            Person person = PhoneDecisions.newPerson();
            decide(person, "withdraw", "NEWSLETTER", "SMS");

            gecko(person, "ja", "+45 20 30 40 50");

            assertThat(NewsletterJournal.memberRequests(hub, person.email()))
                    .noneMatch(r -> r.getMethod().getName().equals("PUT"));
            assertThat(inForce(person, Purpose.SMS)).isFalse();
        }

        @Test
        void aRealChangeInGeckoAfterwardsStillCounts() throws Exception {
            Person person = geckoCustomer();
            decide(person, "withdraw", "NEWSLETTER");

            // (a second apart: decisions of two sources within one second are a tie, which the withdrawal wins)
            hub.clock().advance(Duration.ofSeconds(2));
            gecko(person, "nej", "+45 20 30 40 50"); // staff unticked the flag in Gecko
            hub.clock().advance(Duration.ofSeconds(2));
            gecko(person, "ja", "+45 20 30 40 50"); // and later the person asked for the newsletter again

            assertThat(NewsletterJournal.statusesSent(hub, person.email()))
                    .containsExactly("PUT subscribed", "PATCH unsubscribed", "PATCH unsubscribed", "PUT pending");
        }
    }

    @Nested
    class Refusals {

        JsonNode refused(String body, String field, String... notEchoed) throws Exception {
            HttpResponse<String> response = post(body, Hub.ADMIN);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
            for (String value : notEchoed) {
                assertThat(response.body()).doesNotContain(value);
            }
            return problem;
        }

        @Test
        void badInputNamesTheFieldWithoutEchoingIt() throws Exception {
            String email = TestIds.email("x");
            refused("{\"email\":\"" + email + "\",\"purposes\":[\"HOROSCOPE-7731\"],\"decision\":\"withdraw\"}",
                    "purposes", "HOROSCOPE-7731", email);
            refused("{\"email\":\"" + email + "\",\"purposes\":[\"SMS\"],\"decision\":\"perhaps-7732\"}",
                    "decision", "perhaps-7732", email);
            refused("{\"email\":\"not an address 7733\",\"purposes\":[\"SMS\"],\"decision\":\"withdraw\"}",
                    "email", "7733");
            refused("{\"purposes\":[\"SMS\"],\"decision\":\"withdraw\"}", "geckoCustomerId");
            refused("{\"email\":\"" + email + "\",\"decision\":\"withdraw\"}", "purposes", email);
            refused("{\"email\":\"" + email + "\",\"purposes\":[\"SMS\"],\"decision\":\"withdraw\",\"note\":\""
                    + "x".repeat(2001) + "\"}", "note", "xxxxxxxx", email);
        }

        @Test
        void aCprShapedCustomerIdIsRefused() throws Exception {
            refused("{\"geckoCustomerId\":\"0101901234\",\"purposes\":[\"SMS\"],\"decision\":\"withdraw\"}",
                    "geckoCustomerId", "0101901234");
            refused("{\"geckoCustomerId\":\"010190-1234\",\"purposes\":[\"SMS\"],\"decision\":\"withdraw\"}",
                    "geckoCustomerId", "010190-1234", "1234");
        }

        @Test
        void anAddressTheHubHoldsForAnotherCustomerIsAConflict() throws Exception {
            Person person = geckoCustomer();
            HttpResponse<String> response = post("{\"geckoCustomerId\":\"" + TestIds.customerId() + "\",\"email\":\""
                    + person.email() + "\",\"purposes\":[\"NEWSLETTER\"],\"decision\":\"withdraw\"}", Hub.ADMIN);

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).doesNotContain(person.email());
            assertThat(NewsletterJournal.statusesSent(hub, person.email())).containsExactly("PUT subscribed");
        }

        @Test
        void aViewerMayNotDecide() throws Exception {
            Person person = geckoCustomer();
            HttpResponse<String> response = post("{\"geckoCustomerId\":\"" + person.customerId()
                    + "\",\"purposes\":[\"NEWSLETTER\"],\"decision\":\"withdraw\"}",
                    HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(adminDecisions(person)).isEmpty();
        }
    }

    @Test
    void theAuditRowNamesTheCustomerAndOnlySaysAnAddressWasGiven() throws Exception {
        Person person = geckoCustomer();
        decide(person, "withdraw", "SMS");

        HttpResponse<String> audit = hub.get("/admin/audit?actor=admin&action=POST%20/admin/consent&size=50", "Authorization", Hub.ADMIN);
        JsonNode row = null;
        for (JsonNode item : json.readTree(audit.body()).path("items")) {
            if (person.customerId().equals(item.path("ids").path("geckoCustomerId").asText())) {
                row = item;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("action").asText()).isEqualTo("POST /admin/consent");
        assertThat(row.path("ids").path("email").asText()).isEqualTo("given");
        assertThat(row.path("outcome").asInt()).isEqualTo(202);
        assertThat(row.toString()).doesNotContain("@").doesNotContain("rosacea");
    }
}
