package dk.consenthub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.support.Hub;
import dk.consenthub.support.HubIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The session cookie a sign-in sets: never sent cross-site, never readable by scripts, Secure over https. */
@HubIntegrationTest
class SessionCookieIntegrationTests {

    @Autowired
    Hub hub;

    @Test
    void overPlainHttpItIsStrictAndHttpOnlyButNotSecure() {
        HttpResponse<String> signedIn = FormLogin.signIn(hub, HubIntegrationTest.VIEWER,
                HubIntegrationTest.VIEWER_PASSWORD);

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/admin").doesNotContain("error"));
        String cookie = FormLogin.setSessionCookie(signedIn);
        assertThat(cookie).contains("; SameSite=Strict").contains("; HttpOnly").doesNotContain("Secure");
    }

    @Test
    void behindAnHttpsProxyItIsSecureToo() {
        HttpResponse<String> signedIn = FormLogin.signIn(hub, HubIntegrationTest.VIEWER,
                HubIntegrationTest.VIEWER_PASSWORD, "X-Forwarded-Proto", "https");

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        String cookie = FormLogin.setSessionCookie(signedIn);
        assertThat(cookie).contains("; Secure").contains("; SameSite=Strict").contains("; HttpOnly");
    }

    @Test
    void theNewSessionReadsTheAdminApi() {
        HttpResponse<String> signedIn = FormLogin.signIn(hub, HubIntegrationTest.VIEWER,
                HubIntegrationTest.VIEWER_PASSWORD);

        HttpResponse<String> audit = hub.get("/admin/audit", "Cookie",
                "JSESSIONID=" + FormLogin.sessionCookie(signedIn), "Accept", "application/json");
        assertThat(audit.statusCode()).isEqualTo(200);
    }
}
