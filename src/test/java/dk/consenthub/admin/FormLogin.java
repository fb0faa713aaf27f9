package dk.consenthub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.support.Hub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sign-in form as a browser uses it: the page gives a session and its CSRF token, the POST signs in. Cookies are
 * carried by hand, so a {@code Secure} cookie is sent back over the test's plain http as a proxy would.
 */
final class FormLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private FormLogin() {
    }

    /** Opens the page, then posts the form; {@code headers} go with both requests. */
    static HttpResponse<String> signIn(Hub hub, String user, String password, String... headers) {
        HttpResponse<String> page = hub.get("/admin/login", with(headers, "Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("a CSRF token on the login page").isTrue();
        String session = sessionCookie(page);
        return hub.postForm("/admin/login", Map.of("username", user, "password", password, "_csrf", csrf.group(1)),
                with(headers, "Cookie", "JSESSIONID=" + session, "Accept", "text/html"));
    }

    /** The value of the session cookie a response sets. */
    static String sessionCookie(HttpResponse<String> response) {
        String header = setSessionCookie(response);
        Matcher session = SESSION.matcher(header);
        assertThat(session.find()).isTrue();
        return session.group(1);
    }

    /** The whole {@code Set-Cookie} header of the session cookie. */
    static String setSessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie set: " + response.headers()));
    }

    private static String[] with(String[] headers, String... more) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
