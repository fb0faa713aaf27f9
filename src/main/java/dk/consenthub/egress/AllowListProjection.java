package dk.consenthub.egress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A destination's allow-list, ready to project request bodies: only allowed paths survive, and a container only
 * through the allowed paths inside it. The paths ({@code members[].merge_fields.FNAME}) are compiled once per
 * allow-list into a tree of steps, so projecting a body builds no path strings; the input is never modified.
 */
final class AllowListProjection {

    /** One step of allowed paths: a field name below a map, or {@code []} for the elements of a list. */
    private static final class Step {

        /** The path ending here is allowed (as a value that is no map or list). */
        boolean allowed;
        final Map<String, Step> fields = new HashMap<>();
        Step element;

        /** Allowed paths continue below: a map or list here survives through them. */
        boolean container() {
            return element != null || !fields.isEmpty();
        }
    }

    private final Step root = new Step();

    AllowListProjection(Set<String> allowed) {
        allowed.forEach(this::add);
    }

    private void add(String path) {
        Step step = root;
        if (!path.isEmpty()) {
            for (String part : path.split("\\.", -1)) {
                String name = part;
                int lists = 0;
                while (name.endsWith("[]")) {
                    name = name.substring(0, name.length() - 2);
                    lists++;
                }
                if (!name.isEmpty()) { // "[]" alone: the elements of a top-level list
                    step = step.fields.computeIfAbsent(name, n -> new Step());
                }
                for (int i = 0; i < lists; i++) {
                    if (step.element == null) {
                        step.element = new Step();
                    }
                    step = step.element;
                }
            }
        }
        step.allowed = true;
    }

    Object project(Object body) {
        return project(body, root);
    }

    /** Keeps only allowed paths. A container survives only through the allowed paths inside it. */
    private static Object project(Object node, Step step) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object value = child(entry.getValue(), step.fields.get(key));
                if (value != DROPPED) {
                    kept.put(key, value);
                }
            }
            return kept;
        }
        if (node instanceof List<?> list) {
            List<Object> kept = new ArrayList<>();
            for (Object item : list) {
                Object keptItem = child(item, step.element);
                if (keptItem != DROPPED) {
                    kept.add(keptItem);
                }
            }
            return kept;
        }
        return step.allowed ? node : null;
    }

    private static final Object DROPPED = new Object();

    private static Object child(Object value, Step step) {
        if (step == null) {
            return DROPPED;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return step.container() ? project(value, step) : DROPPED;
        }
        return step.allowed ? value : DROPPED;
    }
}
