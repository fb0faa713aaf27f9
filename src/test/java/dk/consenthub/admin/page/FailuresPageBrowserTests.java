package dk.consenthub.admin.page;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.newsletter.MailchimpMembers;
import dk.consenthub.support.Browser;
import dk.consenthub.support.GeckoPayloads;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.Journal;
import dk.consenthub.support.TestIds;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Mailchimp outage seen and repaired from the admin page: the group of failed messages, a masked message, the
 * replay with its confirmation and live progress, and the group resolved; judged on the page and on the Mailchimp
 * sandbox's request journal.
 */
@HubIntegrationTest
class FailuresPageBrowserTests {

    static final String HOOK = "/webhooks/gecko/sandbox-gecko-webhook-token";
    static final String GROUP = "mailchimp|HTTP_503|gecko.customer.updated";
    static final String CPR = "010190-1234";

    @Autowired
    Hub hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    Browser browser;

    record Person(String customerId, String email, String memberPath) {
    }

    @BeforeEach
    void setUp() {
        browser = Browser.open(hub.port());
    }

    @AfterEach
    void tearDown() {
        browser.close();
    }

    void endOutage() {
        hub.removeAddedStubs();
    }

    Person person() {
        String id = TestIds.customerId();
        String email = "page" + id + "@example.dk";
        return new Person(id, email, "/3.0/lists/a1b2c3d4e5/members/" + MailchimpMembers.subscriberHash(email));
    }

    /**
     * Mailchimp answers 503 for these members until the outage ends; their grants end as failed messages, whose ids
     * come back in the people's order.
     */
    List<String> failedMessagesDuringAnOutage(List<Person> people) throws Exception {
        List<String> events = new ArrayList<>();
        for (Person person : people) {
            hub.mailchimp().stubFor(put(urlPathEqualTo(person.memberPath())).atPriority(1)
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"title\":\"Service Unavailable\",\"status\":503}")));
            Map<String, Object> payload = GeckoPayloads.customer(person.customerId(), person.email(), "ja");
            payload.put("CUSTOMERIMPORTANTNOTE", "CPR " + CPR + ". Allergisk over for lidokain");
            HttpResponse<String> accepted = hub.postJson(HOOK, json.writeValueAsString(payload));
            assertThat(accepted.statusCode()).isEqualTo(202);
            events.add(json.readTree(accepted.body()).path("eventId").asText());
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.sql(
                "select count(*) from failed_message where inbox_event_id in (:events) and status = 'FAILED'")
                .param("events", events).query(Long.class).single() == people.size());
        return events.stream().map(event -> jdbc.sql("select id from failed_message where inbox_event_id = :event")
                .param("event", event).query(String.class).single()).toList();
    }

    long acceptedPuts(Person person) {
        return Journal.requests(hub.mailchimp(), Journal.to("PUT", person.memberPath())).stream()
                .filter(request -> hub.mailchimp().getAllServeEvents().stream().anyMatch(event ->
                        event.getRequest().getId().equals(request.getId()) && event.getResponse().getStatus() == 200))
                .count();
    }

    String statusOnGroupPage(String id) {
        return browser.waitFor(By.cssSelector("#group-messages tr[data-id='" + id + "'] .status")).getText();
    }

    @Test
    void anOutageIsSeenArchivedInPartReplayedWithConfirmationAndResolved() throws Exception {
        List<Person> people = List.of(person(), person(), person(), person());
        List<String> ids = failedMessagesDuringAnOutage(people);
        List<String> replayed = ids.subList(0, 3);
        String archived = ids.get(3);

        browser.logIn("admin", "sandbox-admin");
        browser.find("nav-failures").click();
        var row = browser.waitFor(By.cssSelector("#failure-groups tr[data-group='" + GROUP + "']"));
        assertThat(Long.parseLong(row.findElement(By.className("count")).getText())).isGreaterThanOrEqualTo(4);
        row.findElement(By.linkText(GROUP)).click();

        assertThat(browser.find("group-key").getText()).isEqualTo(GROUP);
        ids.forEach(id -> assertThat(statusOnGroupPage(id)).isEqualTo("FAILED"));

        // one message in detail: metadata and the masked error, never the person; this one is set aside
        browser.driver().findElement(By.linkText(archived)).click();
        assertThat(browser.find("message-status").getText()).isEqualTo("FAILED");
        assertThat(browser.find("message-error").getText()).isNotBlank();
        assertThat(browser.driver().getPageSource()).doesNotContain("@example.dk", CPR, "lidokain");
        browser.find("archive-message").click();
        assertThat(browser.find("confirm-count").getText()).isEqualTo("1");
        browser.find("confirm").click();
        assertThat(browser.find("notice").getText()).isEqualTo("Archived 1 message(s).");
        browser.go("/admin/failures/group?key=" + URLEncoder.encode(GROUP, StandardCharsets.UTF_8));
        assertThat(statusOnGroupPage(archived)).isEqualTo("ARCHIVED");

        // Mailchimp is back; the operator replays the group, confirming first
        endOutage();
        browser.find("replay-group").click();
        assertThat(Long.parseLong(browser.find("confirm-count").getText())).isGreaterThanOrEqualTo(3);
        // slow enough (one a second) that the page shows the run going on before it ends
        browser.find("rate").sendKeys("1");
        browser.find("confirm").click();

        // the click posts the form; the run's page follows once the hub has answered
        browser.wait(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/admin/failures/runs/"));
        assertThat(browser.path()).startsWith("/admin/failures/runs/");
        assertThat(browser.find("run-status").getText()).isEqualTo("RUNNING");
        assertThat(browser.driver().findElement(By.id("run-finished")).isDisplayed()).isFalse();
        // the page is not reloaded: admin.js follows the run's JSON every second
        browser.wait(Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.id("run-status"), "FINISHED"));
        assertThat(browser.find("run-finished").isDisplayed()).isTrue();
        assertThat(browser.find("run-progress").getDomProperty("value"))
                .isEqualTo(browser.find("run-progress").getDomProperty("max"));
        assertThat(Integer.parseInt(browser.find("run-succeeded").getText())).isGreaterThanOrEqualTo(3);
        assertThat(browser.find("run-failed-again").getText()).isEqualTo("0");

        browser.go("/admin/failures/group?key=" + URLEncoder.encode(GROUP, StandardCharsets.UTF_8));
        replayed.forEach(id -> assertThat(statusOnGroupPage(id)).isEqualTo("RESOLVED"));
        assertThat(statusOnGroupPage(archived)).isEqualTo("ARCHIVED");
        for (Person person : people.subList(0, 3)) {
            assertThat(acceptedPuts(person)).as(person.memberPath()).isEqualTo(1);
        }
        assertThat(acceptedPuts(people.get(3))).as("the archived member is not sent again").isZero();
        var audit = json.readTree(hub.get("/admin/audit?actor=admin&action=failures/replay&size=1",
                "Authorization", Hub.ADMIN).body()).path("items").get(0);
        assertThat(audit.path("action").asText()).isEqualTo("POST /admin/failures/replay");
        assertThat(audit.path("ids").path("group").asText()).isEqualTo(GROUP);
        assertThat(audit.path("outcome").asInt()).isEqualTo(302);
    }

    @Test
    void aViewerSeesTheFailuresButIsOfferedNoChanges() {
        browser.logIn(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
        browser.find("nav-failures").click();

        assertThat(browser.find("failure-groups").isDisplayed()).isTrue();
        assertThat(browser.driver().findElements(By.id("replay-all"))).isEmpty();
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefusedEvenWithTheSession() {
        browser.logIn("admin", "sandbox-admin");
        browser.find("dashboard-title");
        String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();

        HttpResponse<String> forged = hub.post("/admin/failures/archive", "application/x-www-form-urlencoded",
                ("group=" + GROUP).getBytes(StandardCharsets.UTF_8), "Cookie", "JSESSIONID=" + session);

        assertThat(forged.statusCode()).isEqualTo(403);
    }
}
