package dk.consenthub;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.RouteFiles.DeclaredRoute;
import dk.consenthub.RouteFiles.RouteFile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registration check names each piece a half-registered destination or erasure target lacks. */
class DestinationRegistrationTests {

    static final String EGRESS = """
            - routeTemplate:
                id: egress
                parameters:
                  - name: system
                route:
                  from:
                    uri: "direct:egress-{{system}}"
                    steps:
                      - to: "direct:egress-{{system}}-send"
            - routeTemplate:
                id: egress-send
                parameters:
                  - name: system
                route:
                  from:
                    uri: "direct:egress-{{system}}-send"
                    steps:
                      - log: sent
            """;
    static final String ERASURE = """
            - route:
                id: erasure-task
                from:
                  uri: direct:erasure-task
                  steps:
                    - toD: "direct:erasure-${exchangeProperty.target}"
            - route:
                id: erasure-hub
                from:
                  uri: direct:erasure-hub
                  steps:
                    - log: erased
            """;

    static String destinationFile(String system) {
        return """
                - templatedRoute:
                    routeTemplateRef: egress
                    routeId: egress-%1$s
                    parameters:
                      - name: system
                        value: %1$s
                - templatedRoute:
                    routeTemplateRef: egress-send
                    routeId: egress-%1$s-send
                    parameters:
                      - name: system
                        value: %1$s
                - route:
                    id: erasure-%1$s
                    from:
                      uri: direct:erasure-%1$s
                      steps:
                        - to: direct:egress-%1$s
                """.formatted(system);
    }

    static List<DeclaredRoute> routes(RouteFile... destinationFiles) {
        List<RouteFile> files = new java.util.ArrayList<>(List.of(RouteFile.parse("egress.camel.yaml", EGRESS),
                RouteFile.parse("erasure.camel.yaml", ERASURE)));
        files.addAll(List.of(destinationFiles));
        return RouteFiles.declarations(files).routes();
    }

    static DestinationRegistration acme(Set<String> destinations, Set<String> targets, List<DeclaredRoute> routes) {
        return new DestinationRegistration(destinations, targets, routes, Set.of("acme"),
                Map.of("acme", List.of("api.acme.example")));
    }

    static final RouteFile ACME = RouteFile.parse("acme.camel.yaml", destinationFile("acme"));

    @Test
    void aWholeDestinationHasNoProblems() {
        assertThat(acme(Set.of("acme"), Set.of("acme", "hub"), routes(ACME)).problems()).isEmpty();
    }

    @Test
    void aDestinationBeanWithoutItsRoutesSandboxOrAllowList() {
        DestinationRegistration registration = new DestinationRegistration(Set.of("acme"), Set.of("hub"), routes(),
                Set.of(), Map.of("acme", List.of()));

        assertThat(registration.problems()).containsExactly(
                "destination 'acme' has no route egress-acme: a templatedRoute of 'egress' in routes/acme.camel.yaml",
                "destination 'acme' has no route egress-acme-send: a templatedRoute of 'egress-send' in"
                        + " routes/acme.camel.yaml",
                "destination 'acme' has no sandbox stubs in mappings/acme/",
                "destination 'acme' has no allow-list hub.egress.allowed-hosts.acme: every request to it would be"
                        + " blocked");
    }

    @Test
    void templatedRoutesAndAnErasureRouteWithoutTheirBeans() {
        assertThat(acme(Set.of(), Set.of("hub"), routes(ACME)).problems()).containsExactly(
                "route 'egress-acme' (acme.camel.yaml) is made from routeTemplate 'egress' for 'acme', but no"
                        + " EgressDestination bean is named 'acme'",
                "route 'egress-acme-send' (acme.camel.yaml) is made from routeTemplate 'egress-send' for 'acme', but"
                        + " no EgressDestination bean is named 'acme'",
                "route 'erasure-acme' consumes direct:erasure-acme, but no ErasureTarget bean is named 'acme'",
                "mappings/acme/ has sandbox stubs, but no EgressDestination bean is named 'acme'");
    }

    @Test
    void anErasureTargetWithoutItsRoute() {
        RouteFile withoutErasure = RouteFile.parse("acme.camel.yaml",
                destinationFile("acme").substring(0, destinationFile("acme").indexOf("- route:")));

        assertThat(acme(Set.of("acme"), Set.of("acme", "hub"), routes(withoutErasure)).problems())
                .containsExactly("erasure target 'acme' has no route consuming direct:erasure-acme");
    }

    @Test
    void aDestinationsRoutesOutsideItsOwnFile() {
        RouteFile elsewhere = RouteFile.parse("integrations.camel.yaml", destinationFile("acme"));

        assertThat(acme(Set.of("acme"), Set.of("acme", "hub"), routes(elsewhere)).problems()).containsExactly(
                "route 'egress-acme' is declared in integrations.camel.yaml, not in the destination's own"
                        + " acme.camel.yaml",
                "route 'egress-acme-send' is declared in integrations.camel.yaml, not in the destination's own"
                        + " acme.camel.yaml",
                "route 'erasure-acme' is declared in integrations.camel.yaml, not in the destination's own"
                        + " acme.camel.yaml");
    }

    @Test
    void aGuardRouteMadeFromTheWrongTemplate() {
        RouteFile swapped = RouteFile.parse("acme.camel.yaml", destinationFile("acme")
                .replaceFirst("routeTemplateRef: egress\n", "routeTemplateRef: egress-send\n"));

        assertThat(acme(Set.of("acme"), Set.of("acme", "hub"), routes(swapped)).problems())
                .contains("route 'egress-acme' is not made from routeTemplate 'egress' with system 'acme'");
    }
}
