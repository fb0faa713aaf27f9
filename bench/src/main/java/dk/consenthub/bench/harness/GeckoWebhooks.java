package dk.consenthub.bench.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gecko customer webhooks from the JVM, the same body as gecko-webhook.lua: one new customer per request who
 * accepts the newsletter, e-mail {@code <phase>.<id>@example.dk}, so a phase's upserts can be found in the
 * Mailchimp sandbox's journal.
 */
final class GeckoWebhooks {

    static final String PATH = "/webhooks/gecko/sandbox-gecko-webhook-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String phase;

    GeckoWebhooks(Launched hub, String phase) {
        this.uri = URI.create(hub.url(PATH));
        this.phase = phase;
    }

    /**
     * Waits until the webhook route answers an empty object with 400 (validation): Tomcat listens before Camel
     * has started its routes, so a hub whose health is DOWN on purpose is not ready just because it answers.
     */
    void awaitRoute(Duration timeout) throws InterruptedException {
        HttpRequest empty = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (send(empty, HttpResponse.BodyHandlers.discarding()).statusCode() != 400) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the webhook route did not start within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Sends customers {@code firstId .. firstId+n-1} with {@code concurrency} requests in flight; all must be 202. */
    Concurrently.Result burst(long firstId, int n, int concurrency) throws InterruptedException {
        return Concurrently.run(n, concurrency, i -> send(request(firstId + i), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 202);
    }

    /**
     * Sends customers from {@code firstId} at a fixed {@code rate} for {@code duration} (open loop: a slow answer
     * does not delay the next request) and returns, per subscriber hash, the wall-clock millisecond of its 202.
     */
    Map<String, Long> paced(long firstId, double rate, Duration duration) throws InterruptedException {
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        int total = (int) (rate * duration.toSeconds());
        long start = System.nanoTime();
        CompletableFuture<?>[] sent = new CompletableFuture<?>[total];
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String hash = subscriberHash(email(firstId + i));
            sent[i] = http.sendAsync(request(firstId + i), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(response -> {
                        if (response.statusCode() == 202) {
                            acceptedAt.put(hash, System.currentTimeMillis());
                        } else {
                            failed.incrementAndGet();
                        }
                    });
        }
        CompletableFuture.allOf(sent).exceptionally(e -> null).join();
        if (failed.get() > 0 || acceptedAt.size() < total) {
            System.out.printf("  paced: %d of %d not accepted%n", total - acceptedAt.size(), total);
        }
        return acceptedAt;
    }

    String email(long customerId) {
        return phase + "." + customerId + "@example.dk";
    }

    private HttpRequest request(long customerId) {
        String body = """
                {"CUSTOMERID":"%d","CUSTOMERNAME":"Mette Hansen","CUSTOMERFIRSTNAME":"Mette","CUSTOMERLASTNAME":"Hansen",\
                "CUSTOMEREMAIL":"%s","CUSTOMERMOBILE":"+45 20 30 40 50","CUSTOMERPOSTALCODE":"2100",\
                "CUSTOMERBIRTHDAY":"1990-01-01","CUSTOMERACCEPTSMARKETINGEMAIL":"ja","CUSTOMERACCEPTSMARKETINGSMS":"0",\
                "CUSTOMERTAGS":[{"CUSTOMERTAGID":"7","CUSTOMERTAGNAME":"VIP","CUSTOMERTAGVALUE":""}]}""".formatted(
                customerId, email(customerId));
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (Exception e) {
            throw new IllegalStateException("webhook not sent: " + e.getMessage(), e);
        }
    }

    /** Mailchimp's member id: MD5 of the lower-cased address. */
    static String subscriberHash(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(email.toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
