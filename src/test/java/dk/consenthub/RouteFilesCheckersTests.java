package dk.consenthub;

import static dk.consenthub.RouteFileRules.ERROR_HANDLING_FILE;
import static dk.consenthub.RouteFileRules.egressProblems;
import static dk.consenthub.RouteFileRules.routeFileProblems;
import static dk.consenthub.RouteFiles.declarations;
import static dk.consenthub.RouteFilesIntegrationTests.fileName;
import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.RouteFiles.DeclaredRoute;
import dk.consenthub.RouteFiles.RouteFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The route file checkers catch what they are for, on small files made here. */
class RouteFilesCheckersTests {

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
            - routeTemplate:
                id: egress
                parameters:
                  - name: system
                  - name: baseUrl
                  - name: errorHandling
                    defaultValue: propagate-errors
                route:
                  routeConfigurationId: "{{errorHandling}}"
                  from:
                    uri: "direct:egress-{{system}}"
                    steps:
                      - to:
                          uri: "{{baseUrl}}"
                          parameters:
                            throwExceptionOnFailure: false
            """;
    static final String MAILCHIMP = """
            - templatedRoute:
                routeTemplateRef: egress
                routeId: egress-mailchimp
                parameters:
                  - name: system
                    value: mailchimp
                  - name: baseUrl
                    value: "{{hub.mailchimp.base-url}}"
            """;
    static final String ERRORS = """
            - routeConfiguration:
                id: propagate-errors
                errorHandler:
                  noErrorHandler: {}
            """;

    static List<RouteFile> withGoodFiles(RouteFile... files) {
        List<RouteFile> all = new ArrayList<>(List.of(RouteFile.parse(ERROR_HANDLING_FILE, ERRORS),
                RouteFile.parse("egress.camel.yaml", EGRESS), RouteFile.parse("mailchimp.camel.yaml", MAILCHIMP)));
        all.addAll(List.of(files));
        return all;
    }

    @Test
    void acceptWellFormedFiles() {
        List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml", GOOD));

        assertThat(routeFileProblems(files)).isEmpty();
        assertThat(egressProblems(files)).isEmpty();
    }

    @Test
    void readFileNamesFromCamelSourceLocations() {
        assertThat(fileName("file:/work/main/routes/consent-sync.camel.yaml:3")).isEqualTo("consent-sync.camel.yaml");
        assertThat(fileName("consent-sync.camel.yaml:12")).isEqualTo("consent-sync.camel.yaml");
        assertThat(fileName("file:/work/main/routes/consent-sync.camel.yaml")).isEqualTo("consent-sync.camel.yaml");
    }

    @Nested
    class Naming {

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
                    "consent-sync.camel.yaml: route id 'sync-process' does not start with its flow 'consent-sync'"
                            + " or with another flow and 'consent-sync'",
                    "consent-sync.camel.yaml: route id 'consent-syncer' does not start with its flow 'consent-sync'"
                            + " or with another flow and 'consent-sync'");
        }

        @Test
        void acceptADestinationsRoutesOfOtherFlowsInItsOwnFile() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("erasure.camel.yaml",
                    DestinationRegistrationTests.ERASURE), RouteFile.parse("gecko.camel.yaml", """
                    - route:
                        id: erasure-gecko
                        from:
                          uri: direct:erasure-gecko
                          steps:
                            - log: hello
                    - route:
                        id: erasure-mailchimp
                        from:
                          uri: direct:erasure-mailchimp
                          steps:
                            - log: hello
                    """));

            assertThat(routeFileProblems(files)).containsExactly("gecko.camel.yaml: route id 'erasure-mailchimp' does"
                    + " not start with its flow 'gecko' or with another flow and 'gecko'");
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
    }

    @Nested
    class Templates {

        @Test
        void readATemplatedRouteAsCamelMakesIt() {
            DeclaredRoute route = declarations(withGoodFiles()).routes().get(0);

            assertThat(route.id()).isEqualTo("egress-mailchimp");
            assertThat(route.file()).isEqualTo("mailchimp.camel.yaml");
            assertThat(route.source()).as("where its steps are written").isEqualTo("egress.camel.yaml");
            assertThat(route.from()).isEqualTo("direct:egress-mailchimp");
            assertThat(route.configurationIds()).as("the parameter's default").containsExactly("propagate-errors");
            assertThat(route.parameters()).isEqualTo(Map.of("system", "mailchimp", "baseUrl", "{{hub.mailchimp.base-url}}"));
        }

        @Test
        void reportTemplatedRoutesThatCannotBeMade() {
            List<RouteFile> files = withGoodFiles(RouteFile.parse("gecko.camel.yaml", """
                    - templatedRoute:
                        routeTemplateRef: egress
                        parameters:
                          - name: system
                            value: gecko
                          - name: baseUrl
                            value: "{{hub.booking.base-url}}"
                    - templatedRoute:
                        routeTemplateRef: egres
                        routeId: egress-gecko
                    - templatedRoute:
                        routeTemplateRef: egress
                        routeId: egress-gecko-send
                        parameters:
                          - name: sytem
                            value: gecko
                    """));

            assertThat(routeFileProblems(files)).containsExactly(
                    "gecko.camel.yaml: templatedRoute of 'egress' has no explicit routeId",
                    "gecko.camel.yaml: templatedRoute 'egress-gecko' refers to routeTemplate 'egres', which no route"
                            + " file declares",
                    "gecko.camel.yaml: templatedRoute 'egress-gecko-send' gives parameter 'sytem', which routeTemplate"
                            + " 'egress' does not have",
                    "gecko.camel.yaml: templatedRoute 'egress-gecko-send' does not give parameter 'system' of"
                            + " routeTemplate 'egress'",
                    "gecko.camel.yaml: templatedRoute 'egress-gecko-send' does not give parameter 'baseUrl' of"
                            + " routeTemplate 'egress'");
        }

        @Test
        void reportATemplateNoTemplatedRouteUses() {
            List<RouteFile> files = List.of(RouteFile.parse(ERROR_HANDLING_FILE, ERRORS),
                    RouteFile.parse("egress.camel.yaml", EGRESS));

            assertThat(routeFileProblems(files)).containsExactly(
                    "egress.camel.yaml: routeTemplate 'egress' is used by no templatedRoute");
        }
    }
}
