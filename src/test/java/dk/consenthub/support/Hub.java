package dk.consenthub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dk.consenthub.inbox.InboxStore;
import dk.consenthub.system.SandboxServers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;

/**
 * The running hub as a test meets it: HTTP on its random port, its sandbox servers, its webhooks and its clock. One
 * per test hub, injected like any bean ({@code @Autowired Hub hub}); after each test {@link HubTestExtension} removes
 * the stubs the test added to the sandbox servers and puts the clock back.
 */
public final class Hub {

    /** The sandbox admin (OPERATOR). */
    public static final String ADMIN = HubClient.basic("admin", "sandbox-admin");

    private final Environment environment;
    private final SandboxServers sandbox;
    private final ObjectMapper json;
    private final InboxStore inbox;
    private final Clock clock;
    /** The stubs each server loaded from mappings/: anything else a test added. */
    private final Map<String, Set<UUID>> loadedStubs = new HashMap<>();
    private HubClient client;

    Hub(Environment environment, SandboxServers sandbox, ObjectMapper json, InboxStore inbox, Clock clock) {
        this.environment = environment;
        this.sandbox = sandbox;
        this.json = json;
        this.inbox = inbox;
        this.clock = clock;
        for (String system : List.of(SandboxServers.GECKO, SandboxServers.MAILCHIMP, SandboxServers.GOOGLE)) {
            loadedStubs.put(system, ids(sandbox.server(system).getStubMappings()));
        }
    }

    public int port() {
        // known once the web server has started, which is after this bean was made
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    public synchronized HubClient client() {
        if (client == null) {
            client = new HubClient(port());
        }
        return client;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return client().get(path, headers);
    }

    /** The Prometheus scrape, read as the read-only admin (what a monitoring system is given). */
    public String metrics() {
        HttpResponse<String> scrape = get("/actuator/prometheus", "Authorization",
                HubClient.basic(HubIntegrationTest.VIEWER, HubIntegrationTest.VIEWER_PASSWORD));
        if (scrape.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/prometheus answered " + scrape.statusCode());
        }
        return scrape.body();
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        return client().post(path, contentType, body, headers);
    }

    public HttpResponse<String> postJson(String path, String body, String... headers) {
        return client().postJson(path, body, headers);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
        return client().postForm(path, form, headers);
    }

    public TestWebhooks webhooks() {
        return new TestWebhooks(client(), json, inbox);
    }

    public WireMockServer server(String system) {
        return sandbox.server(system);
    }

    public WireMockServer gecko() {
        return server(SandboxServers.GECKO);
    }

    public WireMockServer mailchimp() {
        return server(SandboxServers.MAILCHIMP);
    }

    public WireMockServer google() {
        return server(SandboxServers.GOOGLE);
    }

    public MovableClock clock() {
        return (MovableClock) clock;
    }

    /** Removes every stub a test added to the sandbox servers; the servers' own stubs stay. */
    public void removeAddedStubs() {
        loadedStubs.forEach((system, loaded) -> {
            WireMockServer server = server(system);
            server.getStubMappings().stream().filter(stub -> !loaded.contains(stub.getId()))
                    .forEach(server::removeStubMapping);
        });
    }

    void afterTest() {
        removeAddedStubs();
        clock().reset();
    }

    private static Set<UUID> ids(List<StubMapping> stubs) {
        return stubs.stream().map(StubMapping::getId).collect(Collectors.toUnmodifiableSet());
    }
}
