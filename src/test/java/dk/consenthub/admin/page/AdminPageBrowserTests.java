package dk.consenthub.admin.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.support.Browser;
import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin page in a real (headless) Chromium: sign-in, the dashboard, sign-out. */
@HubIntegrationTest
class AdminPageBrowserTests {

    @Autowired
    Hub hub;

    @Autowired
    ObjectMapper json;

    Browser browser;

    @BeforeEach
    void open() {
        browser = Browser.open(hub.port());
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Nested
    class SigningIn {

        @Test
        void anOperatorSeesTheDashboardAndCanLogOut() {
            browser.go("/admin");
            assertThat(browser.path()).isEqualTo("/admin/login");

            browser.logIn("admin", "sandbox-admin");

            assertThat(browser.find("dashboard-title").getText()).isEqualTo("Dashboard");
            assertThat(browser.path()).isEqualTo("/admin");
            assertThat(browser.find("current-user").getText()).isEqualTo("admin");
            assertThat(browser.find("card-admin-actions").getText()).matches("\\d+");

            browser.find("logout").click();

            assertThat(browser.find("logged-out").getText()).contains("signed out");
            browser.go("/admin");
            assertThat(browser.path()).isEqualTo("/admin/login");
        }

        @Test
        void aWrongPasswordShowsAnErrorAndNoDashboard() throws Exception {
            browser.logIn("admin", "not-the-password");

            assertThat(browser.find("login-error").getText()).contains("Wrong user name or password");
            assertThat(browser.driver().findElements(By.id("dashboard-title"))).isEmpty();
            JsonNode failed = json.readTree(hub.get("/admin/audit?actor=admin&action=LOGIN_FAILED&size=1",
                    "Authorization", Hub.ADMIN).body()).path("items").get(0);
            assertThat(failed.path("ids").path("via").asText()).isEqualTo("form");
            assertThat(failed.toString()).doesNotContain("not-the-password");
        }

        @Test
        void theSignInIsInTheAuditLog() {
            browser.logIn(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD);
            browser.find("nav-activity").click();

            assertThat(browser.find("audit-entries").getText()).contains(HubIntegrationTest.VIEWER + " LOGIN");
        }
    }
}
