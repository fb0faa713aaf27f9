package dk.consenthub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every route file validates against Camel's own YAML DSL schema, the one Kaoto and the editor tooling use, so
 * the files open cleanly there. YAML is read as YAML 1.2 (snakeyaml-engine, the reader Camel uses), so
 * {@code constant: 202} is a number and {@code constant: "202"} a string, as the schema sees them.
 */
class RouteSchemaTests {

    static final Path ROUTES_DIR = Path.of(System.getProperty("user.dir"), "routes");
    static final String SCHEMA = "schema/camelYamlDsl.json";
    static final ObjectMapper JSON = new ObjectMapper();

    static Schema schema;

    @BeforeAll
    static void loadCamelsSchema() throws IOException {
        URL resource = RouteSchemaTests.class.getClassLoader().getResource(SCHEMA);
        assertThat(resource).as("%s on the test classpath (inside camel-yaml-dsl)", SCHEMA).isNotNull();
        try (InputStream in = resource.openStream()) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(JSON.readTree(in));
        }
    }

    /** Every violation in one file, each line naming the file and where in it. */
    static List<String> violations(String fileName, String yaml) {
        Object document = new Load(LoadSettings.builder().setLabel(fileName).build()).loadFromString(yaml);
        JsonNode tree = JSON.valueToTree(document);
        List<Error> errors = schema.validate(tree);
        Set<String> violations = new LinkedHashSet<>();
        for (Error error : errors) {
            if (!explainsADeeperViolation(error, errors)) {
                violations.add(fileName + ": " + error.getInstanceLocation() + ": " + describe(error));
            }
        }
        return List.copyOf(violations);
    }

    // A value that fits no alternative of a oneOf/anyOf gets one error per alternative, at every level above it;
    // the deepest ones say what is wrong.
    private static boolean explainsADeeperViolation(Error error, List<Error> errors) {
        String path = String.valueOf(error.getEvaluationPath());
        if (!path.contains("/oneOf") && !path.contains("/anyOf")) {
            return false;
        }
        String location = error.getInstanceLocation() + "/";
        return errors.stream().anyMatch(other -> String.valueOf(other.getInstanceLocation()).startsWith(location));
    }

    // the validator's own messages leave some {n} placeholders unfilled, so the common cases are said here
    private static String describe(Error error) {
        Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
        return switch (error.getKeyword() + "/" + arguments.length) {
            case "type/2" -> arguments[0] + " found, " + arguments[1] + " expected";
            case "additionalProperties/1" -> "unknown property '" + arguments[0] + "'";
            case "required/1" -> "required property '" + arguments[0] + "' is missing";
            case "oneOf/2", "anyOf/2" -> "fits none of the allowed forms";
            default -> error.getKeyword() + " " + Arrays.toString(arguments) + " (" + error.getMessage() + ")";
        };
    }

    static List<Path> routeFiles() {
        try (Stream<Path> paths = Files.list(ROUTES_DIR)) {
            List<Path> files = paths.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
            assertThat(files).as("route files in %s", ROUTES_DIR).isNotEmpty();
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class RouteFiles {

        @Test
        void everyRouteFileValidatesAgainstCamelsYamlDslSchema() throws IOException {
            List<String> violations = new ArrayList<>();
            for (Path file : routeFiles()) {
                violations.addAll(violations(file.getFileName().toString(), Files.readString(file)));
            }
            assertThat(violations).isEmpty();
        }
    }

    @Nested
    class TheValidatorItself {

        @Test
        void acceptsAWellFormedRoute() {
            assertThat(violations("consent-sync.camel.yaml", """
                    - route:
                        id: consent-sync-process
                        routeConfigurationId: propagate-errors
                        from:
                          uri: direct:consent-sync-process
                          steps:
                            - setHeader:
                                name: CamelHttpResponseCode
                                constant: "202"
                            - to: direct:egress-mailchimp
                    """)).isEmpty();
        }

        @Test
        void acceptsARouteTemplateAndARouteMadeFromIt() {
            assertThat(violations("egress.camel.yaml", """
                    - routeTemplate:
                        id: egress
                        parameters:
                          - name: system
                            description: the destination's name
                        route:
                          routeConfigurationId: "{{errorHandling}}"
                          from:
                            uri: "direct:egress-{{system}}"
                            steps:
                              - circuitBreaker:
                                  id: circuit-breaker
                                  configuration: "egress-{{system}}"
                                  steps:
                                    - to: "direct:egress-{{system}}-send"
                    - templatedRoute:
                        routeTemplateRef: egress
                        routeId: egress-mailchimp
                        prefixId: egress-mailchimp-
                        parameters:
                          - name: system
                            value: mailchimp
                    """)).isEmpty();
        }

        @Test
        void reportsATemplatedRouteParameterWithoutItsValue() {
            assertThat(violations("mailchimp.camel.yaml", """
                    - templatedRoute:
                        routeTemplateRef: egress
                        routeId: egress-mailchimp
                        parameters:
                          - name: system
                            defaultValue: mailchimp
                    """)).contains("mailchimp.camel.yaml: /0/templatedRoute/parameters/0: unknown property 'defaultValue'",
                    "mailchimp.camel.yaml: /0/templatedRoute/parameters/0: required property 'value' is missing");
        }

        @Test
        void reportsAnUnknownKeyUnderFromNamingTheFile() {
            List<String> violations = violations("consent-sync.camel.yaml", """
                    - route:
                        id: consent-sync-process
                        from:
                          uri: direct:consent-sync-process
                          stepz:
                            - to: direct:egress-mailchimp
                    """);

            assertThat(violations).isNotEmpty()
                    .allMatch(violation -> violation.startsWith("consent-sync.camel.yaml: "))
                    .contains("consent-sync.camel.yaml: /0/route/from: unknown property 'stepz'");
        }

        @Test
        void reportsANumericConstantWhereTheSchemaWantsAString() {
            assertThat(violations("booking-webhook.camel.yaml", """
                    - route:
                        id: booking-webhook
                        from:
                          uri: direct:booking-webhook
                          steps:
                            - setHeader:
                                name: CamelHttpResponseCode
                                constant: 202
                    """)).contains("booking-webhook.camel.yaml: /0/route/from/steps/0/setHeader/constant: integer found,"
                    + " string expected");
        }
    }
}
