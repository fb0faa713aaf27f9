package dk.consenthub;

import dk.consenthub.RouteFiles.DeclaredRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a destination whole, and what is missing when it is half-registered. A destination is its
 * {@code EgressDestination} bean; it needs the routes {@code egress-<name>} and {@code egress-<name>-send} made from
 * the egress templates in its own {@code routes/<name>.camel.yaml}, sandbox stubs in {@code mappings/<name>/} and an
 * allow-list of hosts. An {@code ErasureTarget} needs a route consuming {@code direct:erasure-<name>}. And the other
 * way round: no templated egress route, erasure route or sandbox without its bean.
 *
 * @param destinations the names of the EgressDestination beans
 * @param erasureTargets the names of the ErasureTarget beans
 * @param routes the routes declared in routes/
 * @param sandboxes the systems the sandbox serves stubs for
 * @param allowedHosts hub.egress.allowed-hosts, per system
 */
record DestinationRegistration(Set<String> destinations, Set<String> erasureTargets, List<DeclaredRoute> routes,
                               Set<String> sandboxes, Map<String, List<String>> allowedHosts) {

    static final String GUARD_TEMPLATE = "egress";
    static final String SEND_TEMPLATE = "egress-send";
    /** The erasure flow's own route that hands each task to its target's route. */
    static final String ERASURE_DISPATCH = "erasure-task";

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String name : destinations) {
            requireTemplatedRoute(problems, name, "egress-" + name, GUARD_TEMPLATE);
            requireTemplatedRoute(problems, name, "egress-" + name + "-send", SEND_TEMPLATE);
            if (!sandboxes.contains(name)) {
                problems.add("destination '" + name + "' has no sandbox stubs in mappings/" + name + "/");
            }
            if (allowedHosts.getOrDefault(name, List.of()).isEmpty()) {
                problems.add("destination '" + name + "' has no allow-list hub.egress.allowed-hosts." + name
                        + ": every request to it would be blocked");
            }
        }
        for (DeclaredRoute route : routes) {
            String system = route.parameters().get("system");
            if (isEgressTemplate(route.template()) && !destinations.contains(system)) {
                problems.add("route '" + route.id() + "' (" + route.file() + ") is made from routeTemplate '"
                        + route.template() + "' for '" + system + "', but no EgressDestination bean is named '"
                        + system + "'");
            }
        }
        for (String name : erasureTargets) {
            Optional<DeclaredRoute> route = consumerOf("direct:erasure-" + name);
            if (route.isEmpty()) {
                problems.add("erasure target '" + name + "' has no route consuming direct:erasure-" + name);
            } else if (destinations.contains(name) && !route.get().file().equals(name + RouteFiles.SUFFIX)) {
                problems.add("route '" + route.get().id() + "' is declared in " + route.get().file()
                        + ", not in the destination's own " + name + RouteFiles.SUFFIX);
            }
        }
        for (DeclaredRoute route : routes) {
            String from = Objects.toString(route.from(), "");
            if (from.startsWith("direct:erasure-") && !route.id().equals(ERASURE_DISPATCH)
                    && !erasureTargets.contains(from.substring("direct:erasure-".length()))) {
                problems.add("route '" + route.id() + "' consumes " + from + ", but no ErasureTarget bean is named '"
                        + from.substring("direct:erasure-".length()) + "'");
            }
        }
        sandboxes.stream().filter(system -> !destinations.contains(system)).forEach(system -> problems.add(
                "mappings/" + system + "/ has sandbox stubs, but no EgressDestination bean is named '" + system + "'"));
        return problems;
    }

    private void requireTemplatedRoute(List<String> problems, String name, String routeId, String template) {
        Optional<DeclaredRoute> route = routes.stream().filter(r -> r.id().equals(routeId)).findFirst();
        String file = name + RouteFiles.SUFFIX;
        if (route.isEmpty()) {
            problems.add("destination '" + name + "' has no route " + routeId + ": a templatedRoute of '" + template
                    + "' in routes/" + file);
        } else if (!template.equals(route.get().template()) || !name.equals(route.get().parameters().get("system"))) {
            problems.add("route '" + routeId + "' is not made from routeTemplate '" + template + "' with system '"
                    + name + "'");
        } else if (!route.get().file().equals(file)) {
            problems.add("route '" + routeId + "' is declared in " + route.get().file()
                    + ", not in the destination's own " + file);
        }
    }

    private Optional<DeclaredRoute> consumerOf(String uri) {
        return routes.stream().filter(route -> uri.equals(route.from())).findFirst();
    }

    private static boolean isEgressTemplate(String template) {
        return GUARD_TEMPLATE.equals(template) || SEND_TEMPLATE.equals(template);
    }
}
