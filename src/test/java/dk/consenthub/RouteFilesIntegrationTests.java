package dk.consenthub;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.support.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PatternHelper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The route files are the hub's flows: each one must be loaded, every route must be named after its flow, and
 * only egress-&lt;system&gt; routes may talk to the outside. The YAML is read from disk with the YAML 1.2 reader Camel
 * itself uses, and compared with what the running hub actually loaded.
 */
@HubIntegrationTest
class RouteFilesIntegrationTests {

    static final Path ROUTES_DIR = Path.of(System.getProperty("user.dir"), "routes");
    static final String SUFFIX = ".camel.yaml";
    static final String ERROR_HANDLING_FILE = "error-handling" + SUFFIX;

    /** Keys whose value names an endpoint that a route sends to (at any depth of steps). */
    static final Set<String> PRODUCER_KEYS = Set.of(
            "to", "toD", "wireTap", "enrich", "pollEnrich", "recipientList", "routingSlip", "dynamicRouter", "poll");
    static final Set<String> EXTERNAL_SCHEMES = Set.of(
            "http", "https", "platform-http", "netty-http", "vertx-http", "rest", "rest-openapi");
    static final Pattern BASE_URL_PLACEHOLDER = Pattern.compile("\\{\\{[^}]*base-url[^}]*}}");
    static final Pattern HTTP_ANYWHERE = Pattern.compile("(?i)\\bhttps?://");
    static final Pattern EGRESS_FILE = Pattern.compile("egress-[a-z0-9]+(-[a-z0-9]+)*" + Pattern.quote(SUFFIX));

    @Autowired
    CamelContext camelContext;

    record RouteFile(String name, Object content) {

        String flow() {
            return name.substring(0, name.length() - SUFFIX.length());
        }

        static RouteFile parse(String name, String yaml) {
            return new RouteFile(name, new Load(LoadSettings.builder().setLabel(name).build()).loadFromString(yaml));
        }
    }

    record DeclaredRoute(String file, String flow, String id, List<String> configurationIds, Object definition) {
    }

    record Declarations(List<DeclaredRoute> routes, Map<String, String> configurationFiles, List<String> problems) {
    }

    /** An endpoint that a route (or a route configuration: no route id) sends to. */
    record Call(String file, String routeId, String owner, String uri) {
    }

    static List<RouteFile> routeFiles() {
        try (Stream<Path> paths = Files.list(ROUTES_DIR)) {
            List<RouteFile> files = new ArrayList<>();
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                files.add(RouteFile.parse(path.getFileName().toString(), Files.readString(path)));
            }
            assertThat(files).as("route files in %s", ROUTES_DIR).isNotEmpty();
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Declarations declarations(List<RouteFile> files) {
        List<DeclaredRoute> routes = new ArrayList<>();
        Map<String, String> configurationFiles = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (RouteFile file : files) {
            if (!(file.content() instanceof List<?> elements)) {
                problems.add(file.name() + ": not a YAML list of route elements");
                continue;
            }
            int position = 0;
            for (Object element : elements) {
                position++;
                if (!(element instanceof Map<?, ?> single) || single.size() != 1) {
                    problems.add(file.name() + ": element #" + position + " is not a single-key map");
                    continue;
                }
                Map.Entry<?, ?> entry = single.entrySet().iterator().next();
                Object value = entry.getValue();
                switch (String.valueOf(entry.getKey())) {
                    case "route" -> {
                        String id = text(value, "id");
                        if (id == null) {
                            problems.add(file.name() + ": route #" + position + " (from " + fromUri(value)
                                    + ") has no explicit id");
                        } else {
                            routes.add(new DeclaredRoute(file.name(), file.flow(), id,
                                    split(text(value, "routeConfigurationId")), value));
                        }
                    }
                    case "routeConfiguration" -> {
                        String id = text(value, "id");
                        if (id == null) {
                            problems.add(file.name() + ": routeConfiguration #" + position
                                    + " has no id, so it would apply to every route");
                        } else if (configurationFiles.putIfAbsent(id, file.name()) != null) {
                            problems.add(file.name() + ": routeConfiguration id '" + id + "' is also declared in "
                                    + configurationFiles.get(id));
                        }
                    }
                    case "from" -> problems.add(file.name() + ": element #" + position + " is a bare from ("
                            + text(value, "uri") + "), a route without an explicit id; wrap it in route: with an id");
                    case "beans" -> {
                        // beans declare no routes
                    }
                    default -> problems.add(file.name() + ": top-level '" + entry.getKey()
                            + "' is not checked here; declare routes as route: with an explicit id");
                }
            }
        }
        return new Declarations(routes, configurationFiles, problems);
    }

    /** Naming and wiring problems in the files themselves: ids, flow prefixes, route configurations. */
    static List<String> routeFileProblems(List<RouteFile> files) {
        Declarations declarations = declarations(files);
        List<String> problems = new ArrayList<>(declarations.problems());
        Map<String, String> seen = new LinkedHashMap<>();
        for (DeclaredRoute route : declarations.routes()) {
            if (route.file().equals(ERROR_HANDLING_FILE)) {
                problems.add(route.file() + ": route '" + route.id() + "': this file may only hold routeConfigurations");
            } else if (!route.id().equals(route.flow()) && !route.id().startsWith(route.flow() + "-")) {
                problems.add(route.file() + ": route id '" + route.id() + "' does not start with its flow '"
                        + route.flow() + "'");
            }
            String earlier = seen.putIfAbsent(route.id(), route.file());
            if (earlier != null) {
                problems.add(route.file() + ": route id '" + route.id() + "' is also declared in " + earlier);
            }
            for (String reference : route.configurationIds()) {
                if (declarations.configurationFiles().keySet().stream()
                        .noneMatch(id -> PatternHelper.matchPattern(id, reference))) {
                    problems.add(route.file() + ": route '" + route.id() + "' refers to routeConfigurationId '"
                            + reference + "', which no route file declares");
                }
            }
        }
        return problems;
    }

    static List<Call> calls(List<RouteFile> files) {
        List<Call> calls = new ArrayList<>();
        for (RouteFile file : files) {
            if (!(file.content() instanceof List<?> elements)) {
                continue;
            }
            for (Object element : elements) {
                if (element instanceof Map<?, ?> single) {
                    single.forEach((kind, value) -> {
                        String routeId = "route".equals(kind) ? text(value, "id") : null;
                        String owner = routeId != null ? "route '" + routeId + "'" : "a " + kind;
                        endpoints(value, uri -> calls.add(new Call(file.name(), routeId, owner, uri)));
                    });
                }
            }
        }
        return calls;
    }

    /** Only egress-&lt;system&gt; routes reach the outside; everyone else goes through direct:egress-&lt;system&gt;. */
    static List<String> egressProblems(List<RouteFile> files) {
        Set<String> directConsumers = new TreeSet<>();
        for (DeclaredRoute route : declarations(files).routes()) {
            String from = fromUri(route.definition());
            if (from != null && from.startsWith("direct:")) {
                directConsumers.add(endpointName(from));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Call call : calls(files)) {
            String where = call.file() + ": " + call.owner();
            if (isExternal(call.uri())) {
                boolean egressRoute = call.routeId() != null && call.routeId().startsWith("egress-")
                        && EGRESS_FILE.matcher(call.file()).matches();
                if (!egressRoute) {
                    problems.add(where + " calls " + call.uri()
                            + " directly; external systems are reached only through direct:egress-<system>");
                }
            } else if (call.uri().startsWith("direct:egress-")) {
                String target = endpointName(call.uri());
                if (target.contains("${")) {
                    problems.add(where + " sends to a computed egress endpoint " + call.uri()
                            + ", which cannot be checked");
                } else if (!directConsumers.contains(target)) {
                    problems.add(where + " sends to " + call.uri() + ", but no route consumes direct:" + target);
                }
            }
        }
        return problems;
    }

    static boolean isExternal(String uri) {
        String trimmed = uri.trim();
        int colon = trimmed.indexOf(':');
        String scheme = colon < 0 ? "" : trimmed.substring(0, colon).toLowerCase();
        return EXTERNAL_SCHEMES.contains(scheme) || HTTP_ANYWHERE.matcher(trimmed).find()
                || BASE_URL_PLACEHOLDER.matcher(trimmed).find();
    }

    /** Every endpoint URI below {@code node}, whatever EIPs (choice, doTry, split, ...) it is nested in. */
    static void endpoints(Object node, Consumer<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (PRODUCER_KEYS.contains(String.valueOf(key))) {
                    uris(value, found);
                }
                endpoints(value, found);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> endpoints(item, found));
        }
    }

    private static void uris(Object value, Consumer<String> found) {
        if (value instanceof String uri) {
            found.accept(uri);
        } else if (value instanceof Map<?, ?> map && map.get("uri") instanceof String uri) {
            found.accept(uri);
        } else {
            // an expression (enrich, recipientList, ...): every text in it may be, or list, an endpoint
            strings(value, text -> Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .forEach(found));
        }
    }

    private static void strings(Object node, Consumer<String> found) {
        if (node instanceof String text) {
            found.accept(text);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> strings(value, found));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> strings(item, found));
        }
    }

    private static String endpointName(String uri) {
        String name = uri.substring(uri.indexOf(':') + 1);
        name = name.startsWith("//") ? name.substring(2) : name;
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    private static String fromUri(Object route) {
        return route instanceof Map<?, ?> map ? text(map.get("from"), "uri") : null;
    }

    private static String text(Object node, String key) {
        if (node instanceof Map<?, ?> map && map.get(key) != null) {
            String text = String.valueOf(map.get(key)).trim();
            return text.isEmpty() ? null : text;
        }
        return null;
    }

    private static List<String> split(String ids) {
        return ids == null ? List.of()
                : Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** "file:/work/main/routes/consent-sync.camel.yaml:3" -> "consent-sync.camel.yaml". */
    static String fileName(String location) {
        if (location == null) {
            return null;
        }
        String name = location.substring(location.lastIndexOf('/') + 1);
        return name.replaceFirst(":\\d+$", "");
    }

    static String fileName(Route route) {
        String location = route.getSourceLocation();
        if (location == null && route.getSourceResource() != null) {
            location = route.getSourceResource().getLocation();
        }
        return fileName(location);
    }

    /**
     * Camel 4.17 keeps neither resource nor location on a route configuration loaded from YAML, so unless it does,
     * a configuration is attributed to the one file that declares its id (ids are unique across files: checked by
     * {@link #routeFileProblems}).
     */
    static String fileName(RouteConfigurationDefinition configuration, Map<String, String> declaringFiles) {
        Resource resource = configuration.getResource();
        String location = resource != null ? resource.getLocation() : configuration.getLocation();
        return location != null ? fileName(location) : declaringFiles.get(configuration.getId());
    }

    List<RouteConfigurationDefinition> loadedConfigurations() {
        return camelContext.getCamelContextExtension().getContextPlugin(Model.class).getRouteConfigurationDefinitions();
    }

    @Nested
    class DeclaredInTheFiles {

        @Test
        void everyRouteHasAnExplicitIdPrefixedByItsFlow() {
            assertThat(routeFileProblems(routeFiles())).isEmpty();
        }

        @Test
        void everyYamlFileInTheRoutesFolderIsNamedSoThatItIsLoaded() throws IOException {
            try (Stream<Path> paths = Files.list(ROUTES_DIR)) {
                assertThat(paths.map(p -> p.getFileName().toString())
                        .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml")))
                        .as("YAML files in routes/ that routes-include-pattern (*%s) would skip", SUFFIX)
                        .allMatch(name -> name.endsWith(SUFFIX));
            }
        }
    }

    @Nested
    class LoadedByCamel {

        @Test
        void everyFileContributedARouteOrARouteConfiguration() {
            List<RouteFile> files = routeFiles();
            Map<String, String> declaringFiles = declarations(files).configurationFiles();
            Set<String> contributing = new TreeSet<>();
            camelContext.getRoutes().forEach(route -> contributing.add(String.valueOf(fileName(route))));
            loadedConfigurations().forEach(configuration ->
                    contributing.add(String.valueOf(fileName(configuration, declaringFiles))));

            List<String> skipped = files.stream().map(RouteFile::name)
                    .filter(name -> !contributing.contains(name)).toList();
            assertThat(skipped).as("route files that contributed nothing to the running hub (loaded from %s)",
                    contributing).isEmpty();
        }

        @Test
        void theLoadedRoutesAreExactlyTheDeclaredOnesEachFromItsFile() {
            Map<String, String> declared = new TreeMap<>();
            declarations(routeFiles()).routes().forEach(route -> declared.put(route.id(), route.file()));
            Map<String, String> loaded = new TreeMap<>();
            camelContext.getRoutes().forEach(route -> loaded.put(route.getRouteId(), fileName(route)));

            assertThat(loaded).as("route id -> file, as loaded by Camel").isEqualTo(declared);
        }

        @Test
        void theLoadedRouteConfigurationsAreExactlyTheDeclaredOnes() {
            assertThat(loadedConfigurations()).extracting(RouteConfigurationDefinition::getId)
                    .containsExactlyInAnyOrderElementsOf(declarations(routeFiles()).configurationFiles().keySet());
        }

        // Camel starts a route whose routeConfigurationId matches nothing, silently, with the default error handler;
        // Route#getConfigurationId then shows only what was applied, so the reference is read from the model.
        @Test
        void everyRouteConfigurationARouteRefersToExistsAndIsApplied() {
            Model model = camelContext.getCamelContextExtension().getContextPlugin(Model.class);
            Set<String> configurationIds = new TreeSet<>();
            loadedConfigurations().forEach(configuration -> configurationIds.add(configuration.getId()));

            List<String> dangling = new ArrayList<>();
            for (Route route : camelContext.getRoutes()) {
                List<String> references = split(model.getRouteDefinition(route.getRouteId()).getRouteConfigurationId());
                for (String reference : references) {
                    if (configurationIds.stream().noneMatch(id -> PatternHelper.matchPattern(id, reference))) {
                        dangling.add(route.getRouteId() + " -> " + reference);
                    }
                }
                if (!references.isEmpty() && route.getConfigurationId() == null) {
                    dangling.add(route.getRouteId() + " -> " + references + " (not applied)");
                }
            }
            assertThat(dangling).as("routeConfigurationIds with no such configuration (have %s)", configurationIds)
                    .isEmpty();
        }
    }

    @Nested
    class EgressOnlyThroughEgressRoutes {

        @Test
        void externalCallsLeaveOnlyFromEgressRoutesAndEveryEgressTargetExists() {
            assertThat(egressProblems(routeFiles())).isEmpty();
        }

        @Test
        void theWalkerSeesTheHubsExternalCalls() {
            assertThat(calls(routeFiles())).as("external calls found in routes/")
                    .anyMatch(call -> isExternal(call.uri()));
        }
    }

    @Nested
    class TheCheckersThemselves {

        static final String GOOD = """
                - route:
                    id: consent-sync-process
                    routeConfigurationId: propagate-errors
                    from:
                      uri: direct:consent-sync-process
                      steps:
                        - to: direct:egress-mailchimp
                """;
        static final String EGRESS = """
                - route:
                    id: egress-mailchimp
                    from:
                      uri: direct:egress-mailchimp
                      steps:
                        - to:
                            uri: "{{hub.mailchimp.base-url}}"
                            parameters:
                              throwExceptionOnFailure: false
                """;
        static final String ERRORS = """
                - routeConfiguration:
                    id: propagate-errors
                    errorHandler:
                      noErrorHandler: {}
                """;

        static List<RouteFile> withGoodFiles(RouteFile file) {
            return List.of(RouteFile.parse(ERROR_HANDLING_FILE, ERRORS),
                    RouteFile.parse("egress-mailchimp.camel.yaml", EGRESS), file);
        }

        @Test
        void acceptWellFormedFiles() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml", GOOD));

            assertThat(routeFileProblems(files)).isEmpty();
            assertThat(egressProblems(files)).isEmpty();
        }

        @Test
        void reportARouteWithoutAnIdNamingItsFile() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml", GOOD + """
                    - route:
                        from:
                          uri: direct:anonymous
                          steps:
                            - log: hello
                    - from:
                        uri: direct:bare
                        steps:
                          - log: hello
                    """));

            assertThat(routeFileProblems(files)).containsExactly(
                    "consent-sync.camel.yaml: route #2 (from direct:anonymous) has no explicit id",
                    "consent-sync.camel.yaml: element #3 is a bare from (direct:bare), a route without an explicit id;"
                            + " wrap it in route: with an id");
        }

        @Test
        void reportARouteIdWithoutItsFlowPrefix() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml", """
                    - route:
                        id: sync-process
                        from:
                          uri: direct:sync-process
                          steps:
                            - log: hello
                    - route:
                        id: consent-syncer
                        from:
                          uri: direct:consent-syncer
                          steps:
                            - log: hello
                    """));

            assertThat(routeFileProblems(files)).containsExactly(
                    "consent-sync.camel.yaml: route id 'sync-process' does not start with its flow 'consent-sync'",
                    "consent-sync.camel.yaml: route id 'consent-syncer' does not start with its flow 'consent-sync'");
        }

        @Test
        void reportARouteInTheErrorHandlingFile() {
            List<RouteFile> files = List.of(RouteFile.parse(ERROR_HANDLING_FILE, ERRORS + """
                    - route:
                        id: error-handling-dead-letter
                        from:
                          uri: direct:error-handling-dead-letter
                          steps:
                            - log: hello
                    """));

            assertThat(routeFileProblems(files)).containsExactly("error-handling.camel.yaml: route"
                    + " 'error-handling-dead-letter': this file may only hold routeConfigurations");
        }

        @Test
        void reportAReferenceToAnUndeclaredRouteConfiguration() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml",
                    GOOD.replace("propagate-errors", "propagate-errors, retry-forever")));

            assertThat(routeFileProblems(files)).containsExactly("consent-sync.camel.yaml: route"
                    + " 'consent-sync-process' refers to routeConfigurationId 'retry-forever', which no route file"
                    + " declares");
        }

        @Test
        void reportAConsentSyncRouteCallingMailchimpDirectly() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml", """
                    - route:
                        id: consent-sync-to-mailchimp
                        from:
                          uri: direct:consent-sync-to-mailchimp
                          steps:
                            - to:
                                uri: https://us1.api.mailchimp.com/3.0
                                parameters:
                                  httpMethod: PUT
                    """));

            assertThat(egressProblems(files)).containsExactly("consent-sync.camel.yaml: route"
                    + " 'consent-sync-to-mailchimp' calls https://us1.api.mailchimp.com/3.0 directly; external"
                    + " systems are reached only through direct:egress-<system>");
        }

        @Test
        void findExternalCallsNestedInAnyStep() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml", """
                    - route:
                        id: consent-sync-everywhere
                        from:
                          uri: direct:consent-sync-everywhere
                          steps:
                            - choice:
                                when:
                                  - simple: "${body} == 'a'"
                                    steps:
                                      - to: https://when.example
                                otherwise:
                                  steps:
                                    - toD: "http://otherwise.example/${header.id}"
                            - doTry:
                                steps:
                                  - split:
                                      simple: "${body}"
                                      steps:
                                        - filter:
                                            simple: "${body} != null"
                                            steps:
                                              - wireTap: "{{hub.booking.base-url}}"
                                doCatch:
                                  - exception:
                                      - java.lang.Exception
                                    steps:
                                      - loop:
                                          constant: "2"
                                          steps:
                                            - enrich:
                                                constant: "netty-http:http://catch.example"
                                doFinally:
                                  steps:
                                    - pollEnrich:
                                        expression:
                                          simple: "vertx-http:https://finally.example"
                            - recipientList:
                                constant: "direct:consent-sync-audit,rest:get:/customers"
                            - to:
                                uri: platform-http:/somewhere
                    """));

            assertThat(egressProblems(files)).hasSize(7).allMatch(problem -> problem.startsWith(
                    "consent-sync.camel.yaml: route 'consent-sync-everywhere' calls "))
                    .anyMatch(p -> p.contains("https://when.example"))
                    .anyMatch(p -> p.contains("http://otherwise.example/${header.id}"))
                    .anyMatch(p -> p.contains("{{hub.booking.base-url}}"))
                    .anyMatch(p -> p.contains("netty-http:http://catch.example"))
                    .anyMatch(p -> p.contains("vertx-http:https://finally.example"))
                    .anyMatch(p -> p.contains("rest:get:/customers"))
                    .anyMatch(p -> p.contains("platform-http:/somewhere"));
        }

        @Test
        void reportAnEgressRouteOutsideItsEgressFile() {
            List<RouteFile> files = List.of(RouteFile.parse("consent-sync.camel.yaml", EGRESS));

            assertThat(egressProblems(files)).containsExactly("consent-sync.camel.yaml: route 'egress-mailchimp'"
                    + " calls {{hub.mailchimp.base-url}} directly; external systems are reached only through"
                    + " direct:egress-<system>");
        }

        @Test
        void reportAnExternalCallFromARouteConfiguration() {
            List<RouteFile> files = List.of(RouteFile.parse(ERROR_HANDLING_FILE, """
                    - routeConfiguration:
                        id: notify-errors
                        onException:
                          - onException:
                              exception:
                                - java.lang.Exception
                              steps:
                                - to: https://hooks.example/alert
                    """));

            assertThat(egressProblems(files)).containsExactly("error-handling.camel.yaml: a routeConfiguration"
                    + " calls https://hooks.example/alert directly; external systems are reached only through"
                    + " direct:egress-<system>");
        }

        @Test
        void reportAnEgressTargetThatNoRouteConsumes() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml",
                    GOOD.replace("to: direct:egress-mailchimp", "to: direct:egress-mailchimp-upsert")));

            assertThat(egressProblems(files)).containsExactly("consent-sync.camel.yaml: route"
                    + " 'consent-sync-process' sends to direct:egress-mailchimp-upsert, but no route consumes"
                    + " direct:egress-mailchimp-upsert");
        }

        @Test
        void readFileNamesFromCamelSourceLocations() {
            assertThat(fileName("file:/work/main/routes/consent-sync.camel.yaml:3")).isEqualTo("consent-sync.camel.yaml");
            assertThat(fileName("consent-sync.camel.yaml:12")).isEqualTo("consent-sync.camel.yaml");
            assertThat(fileName("file:/work/main/routes/consent-sync.camel.yaml")).isEqualTo("consent-sync.camel.yaml");
        }
    }
}
