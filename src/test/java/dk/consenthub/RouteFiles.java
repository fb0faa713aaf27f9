package dk.consenthub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The files in {@code routes/} as declared, read from disk with the YAML 1.2 reader Camel itself uses: routes,
 * route configurations, route templates and the routes made from them. A templated route is read as Camel makes
 * it: the template's route with the {@code {{parameter}}} placeholders replaced by the templatedRoute's values.
 */
final class RouteFiles {

    static final Path ROUTES_DIR = Path.of(System.getProperty("user.dir"), "routes");
    static final String SUFFIX = ".camel.yaml";

    private RouteFiles() {
    }

    record RouteFile(String name, Object content) {

        String flow() {
            return name.substring(0, name.length() - SUFFIX.length());
        }

        static RouteFile parse(String name, String yaml) {
            return new RouteFile(name, new Load(LoadSettings.builder().setLabel(name).build()).loadFromString(yaml));
        }
    }

    /**
     * A route: written out in {@code file}, or made there by a templatedRoute from the template {@code template}
     * written in {@code source} (for a written-out route, {@code source} is {@code file}). {@code definition} is the
     * route as Camel builds it, parameters replaced; {@code parameters} are the templatedRoute's.
     */
    record DeclaredRoute(String file, String source, String id, String template, Map<String, String> parameters,
                         List<String> configurationIds, Object definition) {

        String flow() {
            return file.substring(0, file.length() - SUFFIX.length());
        }

        String from() {
            return definition instanceof Map<?, ?> map ? text(map.get("from"), "uri") : null;
        }
    }

    record Template(String file, String id, Map<String, String> defaults, List<String> required, Object route) {
    }

    record Declarations(List<DeclaredRoute> routes, Map<String, String> configurationFiles,
                        Map<String, Template> templates, List<String> problems) {
    }

    static List<RouteFile> fromDisk() {
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
        Map<String, Template> templates = new LinkedHashMap<>();
        Map<String, List<Object>> templatedRoutes = new LinkedHashMap<>();
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
                String id = text(value, "id");
                switch (String.valueOf(entry.getKey())) {
                    case "route" -> {
                        if (id == null) {
                            problems.add(file.name() + ": route #" + position + " (from " + text(map(value, "from"), "uri")
                                    + ") has no explicit id");
                        } else {
                            routes.add(new DeclaredRoute(file.name(), file.name(), id, null, Map.of(),
                                    split(text(value, "routeConfigurationId")), value));
                        }
                    }
                    case "routeConfiguration" -> {
                        if (id == null) {
                            problems.add(file.name() + ": routeConfiguration #" + position
                                    + " has no id, so it would apply to every route");
                        } else if (configurationFiles.putIfAbsent(id, file.name()) != null) {
                            problems.add(file.name() + ": routeConfiguration id '" + id + "' is also declared in "
                                    + configurationFiles.get(id));
                        }
                    }
                    case "routeTemplate" -> {
                        if (id == null) {
                            problems.add(file.name() + ": routeTemplate #" + position + " has no id");
                        } else if (templates.containsKey(id)) {
                            problems.add(file.name() + ": routeTemplate id '" + id + "' is also declared in "
                                    + templates.get(id).file());
                        } else {
                            templates.put(id, template(file.name(), id, value));
                        }
                    }
                    case "templatedRoute" -> templatedRoutes.computeIfAbsent(file.name(), f -> new ArrayList<>()).add(value);
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
        templatedRoutes.forEach((file, declared) -> declared.forEach(value ->
                instantiate(file, value, templates, problems, routes)));
        templates.values().stream()
                .filter(template -> routes.stream().noneMatch(route -> template.id().equals(route.template())))
                .forEach(template -> problems.add(template.file() + ": routeTemplate '" + template.id()
                        + "' is used by no templatedRoute"));
        return new Declarations(routes, configurationFiles, templates, problems);
    }

    private static Template template(String file, String id, Object value) {
        Map<String, String> defaults = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Object parameter : list(value, "parameters")) {
            String name = text(parameter, "name");
            if (parameter instanceof Map<?, ?> p && p.get("defaultValue") != null) {
                defaults.put(name, String.valueOf(p.get("defaultValue")));
            } else if (!(parameter instanceof Map<?, ?> p && Boolean.FALSE.equals(p.get("required")))) {
                required.add(name);
            }
        }
        return new Template(file, id, defaults, required, map(value, "route"));
    }

    private static void instantiate(String file, Object value, Map<String, Template> templates, List<String> problems,
                                    List<DeclaredRoute> routes) {
        String id = text(value, "routeId");
        String ref = text(value, "routeTemplateRef");
        Template template = ref == null ? null : templates.get(ref);
        String where = file + ": templatedRoute " + (id == null ? "of '" + ref + "'" : "'" + id + "'");
        if (id == null) {
            problems.add(where + " has no explicit routeId");
        }
        if (template == null) {
            problems.add(where + " refers to routeTemplate '" + ref + "', which no route file declares");
            return;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Object parameter : list(value, "parameters")) {
            String name = text(parameter, "name");
            if (!template.required().contains(name) && !template.defaults().containsKey(name)) {
                problems.add(where + " gives parameter '" + name + "', which routeTemplate '" + ref + "' does not have");
            }
            given.put(name, parameter instanceof Map<?, ?> p ? String.valueOf(p.get("value")) : null);
        }
        template.required().stream().filter(name -> !given.containsKey(name)).forEach(name ->
                problems.add(where + " does not give parameter '" + name + "' of routeTemplate '" + ref + "'"));
        if (id == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>(template.defaults());
        values.putAll(given);
        Object route = substitute(template.route(), values);
        routes.add(new DeclaredRoute(file, template.file(), id, ref, Map.copyOf(given),
                split(text(route, "routeConfigurationId")), route));
    }

    /** Every {@code {{name}}} of a template parameter replaced by its value, at any depth; other text as it is. */
    static Object substitute(Object node, Map<String, String> values) {
        if (node instanceof String text) {
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("{{" + value.getKey() + "}}", String.valueOf(value.getValue()));
            }
            return text;
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, substitute(value, values)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(item -> substitute(item, values)).toList();
        }
        return node;
    }

    static String text(Object node, String key) {
        if (node instanceof Map<?, ?> map && map.get(key) != null) {
            String text = String.valueOf(map.get(key)).trim();
            return text.isEmpty() ? null : text;
        }
        return null;
    }

    private static Object map(Object node, String key) {
        return node instanceof Map<?, ?> map ? map.get(key) : null;
    }

    private static List<?> list(Object node, String key) {
        return node instanceof Map<?, ?> map && map.get(key) instanceof List<?> list ? list : List.of();
    }

    static List<String> split(String ids) {
        return ids == null ? List.of()
                : Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
