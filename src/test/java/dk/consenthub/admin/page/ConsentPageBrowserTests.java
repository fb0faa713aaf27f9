package dk.consenthub.admin.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.support.Browser;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.NewsletterJournal;
import dk.consenthub.support.PhoneDecisions;
import dk.consenthub.support.PhoneDecisions.Person;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** A person phones the clinic: an operator records the withdrawal on the Consent page, after a confirmation. */
@HubIntegrationTest
class ConsentPageBrowserTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    InboxStore inbox;

    Browser browser;

    @BeforeEach
    void setUp() {
        browser = Browser.open(hub.port());
    }

    @AfterEach
    void tearDown() {
        browser.close();
    }

    @Test
    void anOperatorRecordsANewsletterWithdrawalAfterConfirming() throws Exception {
        Person person = new PhoneDecisions(hub, json, inbox).geckoCustomer();

        browser.logIn("admin", "sandbox-admin");
        browser.find("nav-consent").click();
        browser.find("consent-customer").sendKeys(person.customerId());
        browser.find("purpose-newsletter").click();
        assertThat(browser.find("decision-withdraw").isSelected()).isTrue();

        // dismissed: nothing is sent
        browser.find("consent-submit").click();
        browser.wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(browser.driver().findElement(By.id("consent-result")).isDisplayed()).isFalse();

        browser.find("consent-submit").click();
        var confirmation = browser.wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        assertThat(confirmation.getText()).contains("withdraw newsletter for customer " + person.customerId());
        confirmation.accept();
        assertThat(browser.find("consent-result").getText()).startsWith("Recorded: withdraw newsletter");

        await().atMost(Duration.ofSeconds(10)).until(() -> NewsletterJournal.statusesSent(hub, person.email()),
                sent -> sent.contains("PATCH unsubscribed"));
        // staff are asked to untick the newsletter in Gecko, and only that
        var task = browser.waitFor(By.cssSelector("#staff-task-list tr[data-customer='" + person.customerId() + "']"));
        assertThat(task.getText()).contains("NEWSLETTER_WITHDRAWN").doesNotContain("SMS_");
    }

    @Test
    void aRefusalNamesTheFieldOnThePage() {
        browser.logIn("admin", "sandbox-admin");
        browser.go("/admin/consent-decisions");
        browser.find("consent-customer").sendKeys("42");
        browser.find("consent-submit").click(); // no purpose ticked
        browser.wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();

        assertThat(browser.find("consent-problem").getText()).startsWith("Not recorded: purposes must be a list of");
    }

    @Test
    void aViewerSeesTheStaffTasksButNoForm() {
        browser.logIn(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
        browser.find("nav-consent").click();

        assertThat(browser.find("staff-task-list").isDisplayed()).isTrue();
        assertThat(browser.driver().findElements(By.id("consent-form"))).isEmpty();
    }
}
