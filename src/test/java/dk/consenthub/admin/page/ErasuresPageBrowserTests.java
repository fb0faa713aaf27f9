package dk.consenthub.admin.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Browser;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.support.TestIds;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** Erasure cases and their receipts on the admin page, as the erasure API gives them; the person never shown. */
@HubIntegrationTest
class ErasuresPageBrowserTests {

    static final String OPERATOR = Hub.ADMIN;

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
    void aCaseIsListedWithItsReceiptAndWithoutThePerson() throws Exception {
        String customerId = TestIds.customerId();
        HttpResponse<String> requested = hub.postJson("/admin/erasures", """
                {"geckoCustomerId":"%s","email":"erase%s@example.dk","reason":"subject-request"}"""
                .formatted(customerId, customerId), "Authorization", OPERATOR);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String caseId = json.readTree(requested.body()).path("caseId").asText();

        browser.logIn(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
        browser.find("nav-erasures").click();
        var row = browser.waitFor(By.cssSelector("#erasure-cases tr[data-case='" + caseId + "']"));
        assertThat(row.getText()).contains("subject-request", "admin");
        row.findElement(By.linkText(caseId)).click();

        assertThat(browser.find("receipt-id").getText()).isEqualTo(caseId);
        assertThat(browser.driver().findElements(By.cssSelector("#receipt-tasks tbody tr")))
                .extracting(task -> task.getDomAttribute("data-target")).contains("mailchimp");
        assertThat(browser.driver().findElements(By.cssSelector("#receipt-kept tbody tr"))).isNotEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("erase" + customerId);

        // the status filter asks the API again
        String status = browser.find("receipt-status").getText();
        new Select(browser.find("erasure-status")).selectByValue(status);
        browser.waitFor(By.cssSelector("#erasure-cases tr[data-case='" + caseId + "']"));
        // the table is redrawn when the answer arrives: wait for the filtered rows, reading them again if redrawn
        browser.wait(java.time.Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> {
                    var rows = driver.findElements(By.cssSelector("#erasure-cases tbody tr"));
                    return !rows.isEmpty() && rows.stream().allMatch(other -> other.getText().contains(status));
                });

        // the request's row (other erasure actions match the same action text: approve, retry)
        JsonNode audit = java.util.stream.StreamSupport.stream(json.readTree(hub.get(
                        "/admin/audit?actor=admin&action=POST%20/admin/erasures&size=200", "Authorization", OPERATOR)
                        .body()).path("items").spliterator(), false)
                .filter(entry -> entry.path("ids").path("geckoCustomerId").asText().equals(customerId))
                .findFirst().orElseThrow();
        assertThat(audit.path("ids").path("geckoCustomerId").asText()).isEqualTo(customerId);
        assertThat(audit.path("ids").path("email").asText()).isEqualTo("given");
        assertThat(audit.toString()).doesNotContain("erase" + customerId);
    }
}
