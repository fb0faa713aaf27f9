package dk.consenthub;

import static dk.consenthub.RouteFiles.SUFFIX;
import static dk.consenthub.RouteFiles.declarations;

import dk.consenthub.RouteFiles.Declarations;
import dk.consenthub.RouteFiles.DeclaredRoute;
import dk.consenthub.RouteFiles.RouteFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.camel.support.PatternHelper;

/**
 * The rules the route files keep: every route is named after its flow, the error-handling file holds only route
 * configurations, and only egress-&lt;system&gt; routes, as written in {@code egress.camel.yaml}, talk to the
 * outside. Routes made from templates are checked as Camel makes them.
 */
final class RouteFileRules {

    static final String ERROR_HANDLING_FILE = "error-handling" + SUFFIX;
    /** Where the egress door is written: the only file whose steps may call an external system. */
    static final String EGRESS_FILE = "egress" + SUFFIX;

    /** Keys whose value names an endpoint that a route sends to (at any depth of steps). */
    static final Set<String> PRODUCER_KEYS = Set.of(
            "to", "toD", "wireTap", "enrich", "pollEnrich", "recipientList", "routingSlip", "dynamicRouter", "poll");
    static final Set<String> EXTERNAL_SCHEMES = Set.of(
            "http", "https", "platform-http", "netty-http", "vertx-http", "rest", "rest-openapi");
    static final Pattern BASE_URL_PLACEHOLDER = Pattern.compile("\\{\\{[^}]*base-url[^}]*}}");
    static final Pattern HTTP_ANYWHERE = Pattern.compile("(?i)\\bhttps?://");

    private RouteFileRules() {
    }

    /** An endpoint that a route (or a route configuration: no route id) sends to, and the file it is written in. */
    record Call(String file, String routeId, String owner, String uri) {
    }

    /**
     * Naming and wiring problems in the files themselves: ids, flow prefixes, route configurations, templates. A
     * route id starts with its file's flow; in a destination's own file ({@code mailchimp.camel.yaml}) it may
     * instead be another flow's route for that system ({@code egress-mailchimp}, {@code erasure-mailchimp}).
     */
    static List<String> routeFileProblems(List<RouteFile> files) {
        Declarations declarations = declarations(files);
        Set<String> flows = new TreeSet<>(files.stream().map(RouteFile::flow).toList());
        List<String> problems = new ArrayList<>(declarations.problems());
        Map<String, String> seen = new LinkedHashMap<>();
        for (DeclaredRoute route : declarations.routes()) {
            if (route.file().equals(ERROR_HANDLING_FILE)) {
                problems.add(route.file() + ": route '" + route.id() + "': this file may only hold routeConfigurations");
            } else if (!startsWithFlow(route.id(), route.flow(), flows)) {
                problems.add(route.file() + ": route id '" + route.id() + "' does not start with its flow '"
                        + route.flow() + "' or with another flow and '" + route.flow() + "'");
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

    private static boolean startsWithFlow(String id, String flow, Set<String> flows) {
        if (id.equals(flow) || id.startsWith(flow + "-")) {
            return true;
        }
        return flows.stream().filter(other -> !other.equals(flow))
                .anyMatch(other -> id.equals(other + "-" + flow) || id.startsWith(other + "-" + flow + "-"));
    }

    /**
     * Every endpoint the routes and route configurations send to (a route without an id too). A templated route's
     * calls are its template's, parameters replaced, and are written in the template's file; a template itself is
     * not a route.
     */
    static List<Call> calls(List<RouteFile> files) {
        List<Call> calls = new ArrayList<>();
        for (DeclaredRoute route : declarations(files).routes()) {
            endpoints(route.definition(), uri -> calls.add(new Call(route.source(), route.id(),
                    "route '" + route.id() + "'", uri)));
        }
        for (RouteFile file : files) {
            if (file.content() instanceof List<?> elements) {
                for (Object element : elements) {
                    if (element instanceof Map<?, ?> single) {
                        single.forEach((kind, value) -> {
                            boolean declared = "route".equals(kind) && RouteFiles.text(value, "id") != null;
                            if (!declared && !Set.of("routeTemplate", "templatedRoute").contains(String.valueOf(kind))) {
                                endpoints(value, uri -> calls.add(new Call(file.name(), null, "a " + kind, uri)));
                            }
                        });
                    }
                }
            }
        }
        return calls;
    }

    /** Only egress-&lt;system&gt; routes reach the outside; everyone else goes through direct:egress-&lt;system&gt;. */
    static List<String> egressProblems(List<RouteFile> files) {
        Set<String> directConsumers = new TreeSet<>();
        for (DeclaredRoute route : declarations(files).routes()) {
            String from = route.from();
            if (from != null && from.startsWith("direct:")) {
                directConsumers.add(endpointName(from));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Call call : calls(files)) {
            String where = call.file() + ": " + call.owner();
            if (isExternal(call.uri())) {
                boolean egressRoute = call.routeId() != null && call.routeId().startsWith("egress-")
                        && call.file().equals(EGRESS_FILE);
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

    static String endpointName(String uri) {
        String name = uri.substring(uri.indexOf(':') + 1);
        name = name.startsWith("//") ? name.substring(2) : name;
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }
}
