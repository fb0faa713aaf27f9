package dk.consenthub.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The hub's Mailchimp sandbox (WireMock, in the hub's JVM): what reached it, read from its request journal, and a
 * direct per-member client as the deliver baseline.
 */
final class MailchimpSandbox {

    static final String LIST = "/3.0/lists/a1b2c3d4e5";
    static final String MEMBERS = LIST + "/members/";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    MailchimpSandbox(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * A phase's member writes in the journal, single upserts (PUT) and batches ({@code POST /lists/{id}}): how many
     * requests, and when each member's first write was logged.
     */
    record Upserts(int total, Map<String, Long> firstAt) {

        /** Distinct members per second, from the first member's upsert to the last member's first upsert. */
        double membersPerSecond() {
            long first = firstAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
            long last = firstAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
            return (firstAt.size() - 1) * 1000.0 / Math.max(1, last - first);
        }
    }

    /** The writes of addresses that start with {@code phase}, keyed by subscriber hash. */
    Upserts upserts(String phase) throws IOException, InterruptedException {
        Map<String, Long> firstAt = new HashMap<>();
        int total = 0;
        for (JsonNode request : find("""
                {"method":"PUT","urlPathPattern":"%s[0-9a-f]{32}","bodyPatterns":[{"contains":"\\"%s."}]}"""
                .formatted(MEMBERS, phase))) {
            String url = request.path("url").asText();
            firstAt.merge(url.substring(url.lastIndexOf('/') + 1), request.path("loggedDate").asLong(), Math::min);
            total++;
        }
        for (JsonNode request : find("""
                {"method":"POST","urlPath":"%s","bodyPatterns":[{"contains":"\\"%s."}]}""".formatted(LIST, phase))) {
            for (JsonNode member : json.readTree(request.path("body").asText()).path("members")) {
                String email = member.path("email_address").asText();
                if (email.startsWith(phase + ".")) {
                    firstAt.merge(GeckoWebhooks.subscriberHash(email), request.path("loggedDate").asLong(), Math::min);
                }
            }
            total++;
        }
        return new Upserts(total, firstAt);
    }

    /** The deliver baseline: {@code n} member upserts straight to the sandbox, {@code concurrency} in flight. */
    Concurrently.Result directUpserts(String phase, long firstId, int n, int concurrency) throws InterruptedException {
        return Concurrently.run(n, concurrency, i -> {
            String email = phase + "." + (firstId + i) + "@example.dk";
            String body = """
                    {"email_address":"%s","status_if_new":"subscribed","merge_fields":{"FNAME":"Mette"}}"""
                    .formatted(email);
            HttpRequest put = HttpRequest.newBuilder(URI.create(base + MEMBERS + GeckoWebhooks.subscriberHash(email)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic YW55c3RyaW5nOnNhbmRib3gta2V5")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                return http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
    }

    private JsonNode find(String criteria) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/__admin/requests/find"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(criteria)).build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("requests");
    }
}
