package dk.consenthub;

import static dk.consenthub.RouteFileRules.calls;
import static dk.consenthub.RouteFileRules.egressProblems;
import static dk.consenthub.RouteFileRules.endpointName;
import static dk.consenthub.RouteFileRules.isExternal;
import static dk.consenthub.RouteFileRules.routeFileProblems;
import static dk.consenthub.RouteFiles.ROUTES_DIR;
import static dk.consenthub.RouteFiles.SUFFIX;
import static dk.consenthub.RouteFiles.declarations;
import static dk.consenthub.RouteFiles.fromDisk;
import static dk.consenthub.RouteFiles.split;
import static dk.consenthub.RouteFiles.substitute;
import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.RouteFiles.DeclaredRoute;
import dk.consenthub.RouteFiles.RouteFile;
import dk.consenthub.support.HubIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PatternHelper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The route files are the hub's flows: each one must be loaded, every route must be named after its flow, and
 * only egress-&lt;system&gt; routes may talk to the outside. The YAML is read from disk ({@link RouteFiles}), checked
 * ({@link RouteFileRules}) and compared with what the running hub actually loaded.
 */
@HubIntegrationTest
class RouteFilesIntegrationTests {

    @Autowired
    CamelContext camelContext;

    /** "file:/work/main/routes/consent-sync.camel.yaml:3" -> "consent-sync.camel.yaml". */
    static String fileName(String location) {
        if (location == null) {
            return null;
        }
        String name = location.substring(location.lastIndexOf('/') + 1);
        return name.replaceFirst(":\\d+$", "");
    }

    /** For a route made from a template, Camel names the template's file. */
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
     * {@link RouteFileRules#routeFileProblems}).
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
            assertThat(routeFileProblems(fromDisk())).isEmpty();
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
            List<RouteFile> files = fromDisk();
            Map<String, String> declaringFiles = declarations(files).configurationFiles();
            Map<String, String> templatedRouteFiles = new TreeMap<>();
            declarations(files).routes().stream().filter(route -> route.template() != null)
                    .forEach(route -> templatedRouteFiles.put(route.id(), route.file()));
            Set<String> contributing = new TreeSet<>();
            camelContext.getRoutes().forEach(route -> {
                contributing.add(String.valueOf(fileName(route)));
                if (route.isCreatedByRouteTemplate() && templatedRouteFiles.containsKey(route.getRouteId())) {
                    contributing.add(templatedRouteFiles.get(route.getRouteId()));
                }
            });
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
            declarations(fromDisk()).routes().forEach(route -> declared.put(route.id(), route.source()));
            Map<String, String> loaded = new TreeMap<>();
            camelContext.getRoutes().forEach(route -> loaded.put(route.getRouteId(), fileName(route)));

            assertThat(loaded).as("route id -> file (a template's, for a templated route), as loaded by Camel")
                    .isEqualTo(declared);
        }

        @Test
        void everyTemplatedRouteIsMadeFromItsTemplateWithItsParameters() {
            Model model = camelContext.getCamelContextExtension().getContextPlugin(Model.class);
            List<String> differences = new ArrayList<>();
            for (DeclaredRoute route : declarations(fromDisk()).routes()) {
                Route loaded = camelContext.getRoute(route.id());
                if (route.template() == null || loaded == null) {
                    continue;
                }
                Map<String, Object> parameters = model.getRouteDefinition(route.id()).getTemplateParameters();
                if (!loaded.isCreatedByRouteTemplate() || parameters == null
                        || !parameters.entrySet().containsAll(route.parameters().entrySet())) {
                    differences.add(route.id() + ": declared " + route.parameters() + ", loaded " + parameters);
                }
                if (!endpointName(loaded.getEndpoint().getEndpointUri()).equals(endpointName(route.from()))) {
                    differences.add(route.id() + ": declared from " + route.from() + ", loaded "
                            + loaded.getEndpoint().getEndpointUri());
                }
            }
            assertThat(differences).isEmpty();
        }

        @Test
        void theLoadedRouteConfigurationsAreExactlyTheDeclaredOnes() {
            assertThat(loadedConfigurations()).extracting(RouteConfigurationDefinition::getId)
                    .containsExactlyInAnyOrderElementsOf(declarations(fromDisk()).configurationFiles().keySet());
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
                RouteDefinition definition = model.getRouteDefinition(route.getRouteId());
                // in a templated route, a template's {{parameter}} is replaced when the route is made
                Map<String, String> parameters = new TreeMap<>();
                if (definition.getTemplateParameters() != null) {
                    definition.getTemplateParameters().forEach((name, value) -> parameters.put(name, String.valueOf(value)));
                }
                List<String> references = split((String) substitute(definition.getRouteConfigurationId(), parameters));
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
            assertThat(egressProblems(fromDisk())).isEmpty();
        }

        @Test
        void theWalkerSeesTheHubsExternalCalls() {
            assertThat(calls(fromDisk())).as("external calls found in routes/")
                    .anyMatch(call -> isExternal(call.uri()));
        }
    }
}
