package dk.consenthub.support;

import static org.awaitility.Awaitility.await;

import dk.consenthub.ConsentHubApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub in a JVM of its own (the test's classpath), so a test can kill it: {@link #kill()} is SIGKILL, {@link #stop()}
 * SIGTERM. It uses a sandbox started outside it ({@code hub.sandbox.external-stubs}), whose journal survives it.
 */
public final class HubProcess {

    private final Process process;
    private final int port;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a hub on {@code dataDir} with the sandbox's ports and {@code settings} ({@code name=value}); waits until it is up. */
    public static HubProcess start(Path dataDir, List<String> settings) {
        return start(dataDir, List.of("-Xmx512m"), settings);
    }

    /** As {@link #start(Path, List)}, with the JVM's own options instead of {@code -Xmx512m}, e.g. a smaller heap. */
    public static HubProcess start(Path dataDir, List<String> jvmOptions, List<String> settings) {
        int port = SandboxTestEnvironment.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConsentHubApplication.class.getName(),
                "--server.port=" + port, "--hub.data-dir=" + dataDir, "--hub.sandbox.external-stubs=true",
                "--spring.main.banner-mode=off"));
        settings.forEach(setting -> command.add("--" + setting));
        try {
            java.nio.file.Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("hub.log").toFile())).start();
            // a hub left running would outlive the test run, holding its ports and database
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            HubProcess hub = new HubProcess(process, port);
            try {
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).until(hub::healthy);
            } catch (RuntimeException | Error notUp) {
                process.destroyForcibly();
                throw notUp;
            }
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HubClient client() {
        return new HubClient(port);
    }

    private boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the hub exited with " + process.exitValue() + " (see hub.log)");
        }
        try {
            return client().get("/actuator/health").statusCode() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, nothing drained or flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; answers how long the hub took to exit. */
    public Duration stop(Duration atMost) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the hub did not exit within " + atMost + " of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
