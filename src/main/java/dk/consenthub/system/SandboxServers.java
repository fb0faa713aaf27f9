package dk.consenthub.system;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.SingleRootFileSource;
import com.github.tomakehurst.wiremock.standalone.JsonFileMappingsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sandbox mode: one WireMock server per external system, one for every folder {@code mappings/<system>/}, each on
 * its port {@code hub.sandbox.<system>-port} and with its request journal at {@code /__admin/requests}. Each starts on
 * its own thread while the rest of the context is created (loading the stubs takes seconds), and the context waits
 * for all of them before anything starts ({@link SmartLifecycle}, first phase), so no route can send before. A system without stubs is a startup error: a wrong folder
 * would otherwise fail silently. The stubs may name the request matchers of this package
 * ({@link MailchimpSubscriberHash}), registered with every server.
 */
@Component
@ConditionalOnExpression("${hub.sandbox.enabled:true} and !${hub.sandbox.external-stubs:false}")
public class SandboxServers implements DisposableBean, SmartLifecycle {

    public static final String GECKO = "gecko";
    public static final String MAILCHIMP = "mailchimp";
    public static final String GOOGLE = "google";

    private static final Logger log = LoggerFactory.getLogger(SandboxServers.class);

    private final Map<String, CompletableFuture<WireMockServer>> starting = new LinkedHashMap<>();
    private final Map<String, WireMockServer> servers = new LinkedHashMap<>();

    @Autowired
    SandboxServers(SandboxProperties properties, Environment environment) {
        String address = environment.getProperty("server.address", "");
        if (ProductionReadiness.LOOPBACK.equals(address)) {
            log.info("Sandbox mode: the hub listens on {} only (set server.address to listen elsewhere); admin user "
                    + "'admin' has the sandbox password", address);
        } else {
            log.warn("Sandbox mode on server.address={}: the sandbox's public tokens and admin password are reachable "
                    + "from other machines", address);
        }
        startAll(Path.of(properties.mappingsDir()), system -> port(environment, system));
    }

    private SandboxServers(Path mappingsDir, java.util.function.ToIntFunction<String> ports) {
        startAll(mappingsDir, ports);
        awaitStarted();
    }

    /**
     * The stub servers alone, without a hub ({@link SandboxMain}, crash tests): a sandbox that outlives the hub's
     * process. {@code ports} gives each system's port.
     */
    public static SandboxServers standalone(Path mappingsDir, java.util.function.ToIntFunction<String> ports) {
        return new SandboxServers(mappingsDir, ports);
    }

    private void startAll(Path mappingsDir, java.util.function.ToIntFunction<String> ports) {
        Path root = mappingsDir.toAbsolutePath().normalize();
        for (Path folder : systemFolders(root)) {
            String system = folder.getFileName().toString();
            int port = ports.applyAsInt(system);
            starting.put(system, CompletableFuture.supplyAsync(() -> start(system, folder, port),
                    task -> new Thread(task, "sandbox-" + system).start()));
        }
    }

    /** Waits until every server has started; a server that could not start fails the hub's start (all are stopped). */
    private synchronized void awaitStarted() {
        try {
            starting.forEach((system, server) -> servers.put(system, server.join()));
        } catch (CompletionException e) {
            destroy();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public void start() {
        awaitStarted();
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean isRunning() {
        return !servers.isEmpty();
    }

    /** Before every other lifecycle bean: the Camel routes, the web server. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    /** One folder a system, named as the system: {@code mappings/gecko/}, {@code mappings/mailchimp/}, ... */
    private static List<Path> systemFolders(Path root) {
        List<Path> folders = List.of();
        if (Files.isDirectory(root)) {
            try (Stream<Path> children = Files.list(root)) {
                folders = children.filter(Files::isDirectory).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (folders.isEmpty()) {
            throw new IllegalStateException("hub.sandbox.mappings-dir: no stub folder in " + root);
        }
        return folders;
    }

    /** {@code hub.sandbox.<system>-port}, e.g. hub.sandbox.gecko-port: each system's stubs answer on their own port. */
    private static int port(Environment environment, String system) {
        String property = "hub.sandbox." + system + "-port";
        Integer port = Binder.get(environment).bind(property, Integer.class).orElse(null);
        if (port == null || port < 1 || port > 65535) {
            throw new IllegalStateException(property + " must be a port (1-65535) for the stubs in mappings/" + system
                    + "/, found " + port);
        }
        return port;
    }

    private static WireMockServer start(String system, Path folder, int port) {
        WireMockServer server = new WireMockServer(options()
                .port(port)
                .bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(folder.toString())
                .maxRequestJournalEntries(200_000)
                .containerThreads(20)
                .globalTemplating(false)
                .extensions(new MailchimpSubscriberHash()));
        server.loadMappingsUsing(new JsonFileMappingsSource(new SingleRootFileSource(folder.toFile()), null));
        int stubs = server.getStubMappings().size();
        if (stubs == 0) {
            throw new IllegalStateException("Sandbox " + system + ": no stubs loaded from " + folder);
        }
        server.start();
        log.info("Sandbox {}: {} stubs from {} on http://localhost:{} (journal: /__admin/requests)",
                system, stubs, folder, server.port());
        return server;
    }

    public WireMockServer server(String system) {
        awaitStarted();
        WireMockServer server = servers.get(system);
        if (server == null) {
            throw new IllegalArgumentException("no sandbox for " + system);
        }
        return server;
    }

    public Map<String, Integer> stubCounts() {
        awaitStarted();
        Map<String, Integer> counts = new LinkedHashMap<>();
        servers.forEach((system, server) -> counts.put(system, server.getStubMappings().size()));
        return counts;
    }

    @Override
    public void destroy() {
        starting.values().forEach(server -> server.thenAccept(WireMockServer::stop));
    }
}
