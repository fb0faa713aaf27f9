package dk.consenthub.admin.page;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.support.AutomaticErasures;
import dk.consenthub.support.Browser;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** A case held by the brake on automatic erasure, approved by an operator on the admin page after a confirmation. */
@HubIntegrationTest
class ErasureApprovalPageBrowserTests {

    @Autowired
    Hub hub;

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
    void anOperatorApprovesAHeldCaseAfterConfirming() throws Exception {
        AutomaticErasures.confirmedTags(hub, Instant.parse("2046-07-01T09:00:00Z"), 21);
        List<String> held = AutomaticErasures.awaitingApproval(hub, 1);
        String caseId = held.get(0);

        browser.logIn("admin", "sandbox-admin");
        browser.find("nav-erasures").click();
        new Select(browser.find("erasure-status")).selectByValue("AWAITING_APPROVAL");
        var row = browser.waitFor(By.cssSelector("#erasure-cases tr[data-case='" + caseId + "']"));
        row.findElement(By.linkText(caseId)).click();
        browser.wait(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-approve")));
        assertThat(browser.find("receipt-verification").getText()).contains("an operator must approve");

        // dismissed: nothing happens
        browser.find("receipt-approve").click();
        browser.wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(browser.find("receipt-status").getText()).isEqualTo("AWAITING_APPROVAL");

        browser.find("receipt-approve").click();
        browser.wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
        browser.wait(Duration.ofSeconds(20)).until(driver -> !driver.findElement(By.id("receipt-status")).getText()
                .equals("AWAITING_APPROVAL"));
        assertThat(browser.driver().findElement(By.id("receipt-approval")).isDisplayed()).isFalse();
        assertThat(hub.get("/admin/erasures/" + caseId, "Authorization", Hub.ADMIN).body())
                .contains("\"approvedBy\":\"admin\"");
    }
}
