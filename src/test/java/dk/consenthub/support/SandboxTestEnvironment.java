package dk.consenthub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Gives each test context its own sandbox ports and data directory, so contexts never collide with each other
 * or with a hub running on the default ports, a {@link MovableClock} as the hub's clock, and the {@link Hub} (and
 * {@link ReconcileClient}) tests meet it through.
 */
public class SandboxTestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Path dataDir = Files.createTempDirectory("consent-hub-test-");
            TestPropertyValues.of(
                    "hub.data-dir=" + dataDir,
                    "hub.sandbox.gecko-port=" + freePort(),
                    "hub.sandbox.mailchimp-port=" + freePort(),
                    "hub.sandbox.google-port=" + freePort()).applyTo(context);
            // the hub's Clock bean: tests that deal with deadlines, quota days and retention move it
            context.getBeanFactory().registerSingleton("clock", new MovableClock());
            ((GenericApplicationContext) context).registerBean(Hub.class);
            ((GenericApplicationContext) context).registerBean(ReconcileClient.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
