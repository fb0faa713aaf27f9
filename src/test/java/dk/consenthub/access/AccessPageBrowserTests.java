package dk.consenthub.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Browser;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** A person asks the clinic what it holds: an operator requests the report on the Access requests page. */
@HubIntegrationTest
class AccessPageBrowserTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

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
    void anOperatorRequestsAReportAfterConfirmingAndGetsItsLinks() throws Exception {
        String customerId = TestIds.customerId();
        String email = "side." + customerId + "@example.dk";
        new AccessSandbox(hub, json).geckoCustomer(customerId, email);

        browser.logIn("admin", "sandbox-admin");
        browser.find("nav-access").click();
        browser.find("access-customer").sendKeys(customerId);
        browser.find("access-email").sendKeys(email);

        // dismissed: nothing is sent
        browser.find("access-submit").click();
        browser.wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(browser.driver().findElement(By.id("access-result")).isDisplayed()).isFalse();

        browser.find("access-submit").click();
        var confirmation = browser.wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        assertThat(confirmation.getText()).contains("access report for customer " + customerId);
        confirmation.accept();
        String result = browser.find("access-result").getText();
        assertThat(result).startsWith("Requested: case ");
        String caseId = result.substring("Requested: case ".length(), result.length() - 1);

        WebElement done = browser.wait(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#access-cases tr[data-case='" + caseId + "'][data-status='COMPLETED']")));
        assertThat(done.getText()).contains("gecko DONE", "mailchimp DONE", "google DONE", "hub DONE")
                .doesNotContain(email);
        List<String> links = done.findElements(By.tagName("a")).stream().map(a -> a.getAttribute("href")).toList();
        String report = "/admin/access-requests/" + caseId + "/report.";
        assertThat(links).hasSize(4).allSatisfy(link -> assertThat(link).contains(report));
        assertThat(links).anySatisfy(link -> assertThat(link).endsWith("html?lang=da"))
                .anySatisfy(link -> assertThat(link).endsWith("html?lang=en"))
                .anySatisfy(link -> assertThat(link).endsWith("pdf?lang=da"))
                .anySatisfy(link -> assertThat(link).endsWith("pdf?lang=en"));
    }

    @Test
    void aRefusalNamesTheFieldOnThePage() {
        browser.logIn("admin", "sandbox-admin");
        browser.go("/admin/access");
        browser.find("access-submit").click(); // nobody named
        browser.wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();

        assertThat(browser.find("access-problem").getText()).startsWith("Not requested: geckoCustomerId or email");
    }

    @Test
    void aViewerHasNoAccessRequestsPage() {
        browser.logIn(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
        assertThat(browser.driver().findElements(By.id("nav-access"))).isEmpty();
        browser.go("/admin/access");
        assertThat(browser.driver().findElements(By.id("access-form"))).isEmpty();
    }
}
