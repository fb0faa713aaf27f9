package dk.consenthub.system;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.SingleRootFileSource;
import com.github.tomakehurst.wiremock.standalone.JsonFileMappingsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Sandbox mode: one WireMock server per external system, each loading {@code mappings/<system>/}, each with its
 * request journal at {@code /__admin/requests}. Started while the context starts, before any route can send.
 * A system without stubs is a startup error: a wrong folder would otherwise fail silently. The stubs may name the
 * request matchers of this package ({@link MailchimpSubscriberHash}), registered with every server.
 */
@Component
@ConditionalOnProperty(name = "hub.sandbox.enabled", havingValue = "true", matchIfMissing = true)
public class SandboxServers implements DisposableBean {

    public static final String GECKO = "gecko";
    public static final String MAILCHIMP = "mailchimp";
    public static final String GOOGLE = "google";

    private static final Logger log = LoggerFactory.getLogger(SandboxServers.class);

    private final Map<String, WireMockServer> servers = new LinkedHashMap<>();

    /** The sandbox servers alone, without the hub (tests of the stubs; a standalone sandbox). */
    SandboxServers(SandboxProperties properties) {
        this(properties, ProductionReadiness.LOOPBACK);
    }

    @Autowired
    SandboxServers(SandboxProperties properties, @Value("${server.address:}") String serverAddress) {
        if (ProductionReadiness.LOOPBACK.equals(serverAddress)) {
            log.info("Sandbox mode: the hub listens on {} only (set server.address to listen elsewhere); admin user "
                    + "'admin' has the sandbox password", serverAddress);
        } else {
            log.warn("Sandbox mode on server.address={}: the sandbox's public tokens and admin password are reachable "
                    + "from other machines", serverAddress);
        }
        Path root = Path.of(properties.mappingsDir()).toAbsolutePath().normalize();
        try {
            start(GECKO, root, properties.geckoPort());
            start(MAILCHIMP, root, properties.mailchimpPort());
            start(GOOGLE, root, properties.googlePort());
        } catch (RuntimeException e) {
            destroy();
            throw e;
        }
    }

    private void start(String system, Path root, int port) {
        Path folder = root.resolve(system);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("hub.sandbox.mappings-dir: no stub folder " + folder);
        }
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
        servers.put(system, server);
        log.info("Sandbox {}: {} stubs from {} on http://localhost:{} (journal: /__admin/requests)",
                system, stubs, folder, server.port());
    }

    public WireMockServer server(String system) {
        WireMockServer server = servers.get(system);
        if (server == null) {
            throw new IllegalArgumentException("no sandbox for " + system);
        }
        return server;
    }

    public Map<String, Integer> stubCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        servers.forEach((system, server) -> counts.put(system, server.getStubMappings().size()));
        return counts;
    }

    @Override
    public void destroy() {
        servers.values().forEach(WireMockServer::stop);
    }
}
