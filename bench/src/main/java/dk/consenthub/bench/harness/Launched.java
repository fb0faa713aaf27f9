package dk.consenthub.bench.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JVM the harness started (hub or baseline): its port, its log, how long it took to be healthy, and its end. */
final class Launched {

    private static final List<Launched> RUNNING = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        // never leave a hub or baseline behind, whatever ends the harness
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Launched::stop)));
    }

    final String name;
    final int port;
    private final Process process;
    private final long startedNanos;

    private Launched(String name, int port, Process process, long startedNanos) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code command} in {@code directory}, output to {@code log}; the app must listen on {@code port}. */
    static Launched start(String name, int port, List<String> command, Path directory, Path log) throws IOException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Launched app = new Launched(name, port, process, started);
        RUNNING.add(app);
        return app;
    }

    /** Polls /actuator/health until it says UP; returns the time from process start. */
    Duration awaitHealthy(Duration timeout) throws InterruptedException {
        return await(timeout, response -> response.statusCode() == 200 && response.body().contains("\"UP\""));
    }

    /** Polls /actuator/health until it answers at all (a hub with routes left stopped on purpose says DOWN). */
    Duration awaitAnswering(Duration timeout) throws InterruptedException {
        return await(timeout, response -> true);
    }

    private Duration await(Duration timeout, Predicate<HttpResponse<String>> ready) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was healthy");
            }
            try {
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (ready.test(response)) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout);
    }

    /** GET {@code path} with HTTP Basic {@code user:password}; the body. */
    String get(String path, String credentials) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    long pid() {
        return process.pid();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void stop() {
        RUNNING.remove(this);
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
