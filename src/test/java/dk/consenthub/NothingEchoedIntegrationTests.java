package dk.consenthub;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.support.HubClient;
import dk.consenthub.support.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No answer repeats what the caller sent: a marker value placed in the path, the query and the body of a request to
 * every endpoint (webhooks, admin API and page, actuator, unknown paths, wrong methods) is found in no status line,
 * header or body of the answer. A path or value may carry a token, a CPR number or an address.
 */
@HubIntegrationTest
class NothingEchoedIntegrationTests {

    static final String MARKER = "zq7echo";
    static final String ADMIN = HubClient.basic("admin", "sandbox-admin");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    static Stream<Arguments> requests() {
        String m = MARKER;
        List<Arguments> all = new ArrayList<>();
        for (String auth : new String[] {ADMIN, null}) {
            for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
                for (String path : new String[] {
                        "/webhooks/gecko/" + m, "/webhooks/gecko/sandbox-gecko-webhook-token", "/webhooks/gecko",
                        "/webhooks/mailchimp/" + m, "/webhooks/mailchimp/sandbox-mailchimp-webhook-token",
                        "/admin", "/admin/" + m, "/admin/erasures", "/admin/erasures/" + m, "/admin/erasures/" + m + "/retry",
                        "/admin/retention/dry-run", "/admin/failed-messages", "/admin/failed-messages/" + m,
                        "/admin/failed-messages/groups", "/admin/failed-messages/replay", "/admin/failed-messages/archive",
                        "/admin/replays/" + m, "/admin/reconcile", "/admin/reconcile/" + m, "/admin/egress/preview",
                        "/admin/consent/staff-tasks", "/admin/audit", "/admin/activity", "/admin/failures/" + m,
                        "/admin/erasure-cases", "/actuator/health", "/actuator/" + m, "/" + m, "/v3/api-docs/" + m}) {
                    all.add(Arguments.of(method, path, auth));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("requests")
    void theMarkerIsInNoAnswer(String method, String path, String auth) throws Exception {
        String query = "?page=" + MARKER + "&status=" + MARKER + "&limit=" + MARKER + "&destination=" + MARKER
                + "&group=" + MARKER + "&" + MARKER + "=1";
        String body = "{\"" + MARKER + "\":\"" + MARKER + "\",\"email\":\"" + MARKER + "@example.dk\",\"reason\":\""
                + MARKER + "\",\"geckoCustomerId\":\"" + MARKER + "\",\"CUSTOMERID\":\"" + MARKER + "\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + query))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).as("body of %s %s (%d)", method, path, response.statusCode())
                .doesNotContainIgnoringCase(MARKER);
        assertThat(response.headers().map().toString()).as("headers of %s %s", method, path)
                .doesNotContainIgnoringCase(MARKER);
        if (path.contains("webhook-token")) {
            assertThat(response.body() + response.headers().map()).doesNotContain("sandbox-gecko-webhook-token")
                    .doesNotContain("sandbox-mailchimp-webhook-token");
        }
    }
}
