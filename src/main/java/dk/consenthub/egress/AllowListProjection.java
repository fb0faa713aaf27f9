package dk.consenthub.egress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A destination's allow-list, ready to project request bodies: only allowed paths survive, and a container only
 * through the allowed paths inside it. Built once per allow-list; the input is never modified.
 */
final class AllowListProjection {

    private final Set<String> allowed;
    private final Set<String> prefixes;

    AllowListProjection(Set<String> allowed) {
        this.allowed = allowed;
        this.prefixes = containers(allowed);
    }

    Object project(Object body) {
        return project(body, "");
    }

    /** Keeps only allowed paths. A container survives only through the allowed paths inside it. */
    private Object project(Object node, String path) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String child = path.isEmpty() ? key : path + "." + key;
                Object value = entry.getValue();
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    if (prefixes.contains(child)) {
                        kept.put(key, project(value, child));
                    }
                } else if (allowed.contains(child)) {
                    kept.put(key, value);
                }
            }
            return kept;
        }
        if (node instanceof List<?> list) {
            String element = path + "[]";
            List<Object> kept = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> || item instanceof List<?>) {
                    if (prefixes.contains(element)) {
                        kept.add(project(item, element));
                    }
                } else if (allowed.contains(element)) {
                    kept.add(item);
                }
            }
            return kept;
        }
        return allowed.contains(path) ? node : null;
    }

    /** Paths of the containers the allowed fields live in: {@code members[].email_address} needs "members" and "members[]". */
    private static Set<String> containers(Set<String> fields) {
        Set<String> prefixes = new HashSet<>();
        for (String field : fields) {
            for (int i = 1; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c == '.' || c == '[') {
                    prefixes.add(field.substring(0, i));
                }
            }
        }
        return prefixes;
    }
}
