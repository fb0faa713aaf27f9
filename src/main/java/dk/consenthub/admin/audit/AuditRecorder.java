package dk.consenthub.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.CprDetector;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Turns an admin request into an audit row: the user, the method with the path pattern, the target ids from path
 * variables and the body fields that name targets, and the status. An e-mail address or anything else personal is
 * never written: a body e-mail is recorded only as given, a value that looks personal is left out.
 */
@Component
public class AuditRecorder {

    /** Body and form fields that name what an action targets. */
    static final List<String> TARGET_FIELDS = List.of("ids", "group", "all", "geckoCustomerId", "runId");
    static final String GIVEN = "given";
    private static final int MAX_IDS = 50;
    private static final int MAX_VALUE = 100;
    /** A path segment that is an identifier rather than a name: digits, a UUID, or a long hex or base64url run. */
    private static final Pattern ID_SEGMENT = Pattern.compile("\\d+|[0-9a-fA-F-]{16,}|[A-Za-z0-9_-]{22,}");

    private final AuditLog log;
    private final ObjectMapper json;
    private final CprDetector cpr;

    AuditRecorder(AuditLog log, ObjectMapper json, CprDetector cpr) {
        this.log = log;
        this.json = json;
        this.cpr = cpr;
    }

    public void record(HttpServletRequest request, int status) {
        record(actor(), request, status);
    }

    void record(String actor, HttpServletRequest request, int status) {
        Map<String, String> ids = new LinkedHashMap<>();
        String action = request.getMethod() + " " + pattern(request, ids);
        bodyIds(AuditedRequest.jsonBody(request), ids);
        for (String field : TARGET_FIELDS) {
            String[] values = request.getParameterValues(field);
            if (values != null) {
                put(ids, field, List.of(values));
            }
        }
        log.record(actor, action, ids, status, request.getRemoteAddr());
    }

    /** The current user's name, or {@code anonymous}. */
    public static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication.getName() == null ? "anonymous" : authentication.getName();
    }

    private String pattern(HttpServletRequest request, Map<String, String> ids) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        // "/**" is the static resources' catch-all, not the action's pattern
        if (pattern != null && !"/**".equals(pattern)) {
            if (variables instanceof Map<?, ?> map) {
                map.forEach((name, value) -> put(ids, String.valueOf(name), List.of(String.valueOf(value))));
            }
            return pattern.toString();
        }
        // refused before a handler was chosen: identifiers in the path become {id}
        String path = request.getRequestURI().substring(request.getContextPath().length());
        StringBuilder normalized = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            boolean id = ID_SEGMENT.matcher(segment).matches();
            if (id) {
                put(ids, "id", List.of(segment));
            }
            normalized.append('/').append(id ? "{id}" : segment);
        }
        return normalized.toString();
    }

    private void bodyIds(byte[] body, Map<String, String> ids) {
        if (body == null || body.length == 0) {
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return;
        }
        if (root == null || !root.isObject()) {
            return;
        }
        for (String field : TARGET_FIELDS) {
            JsonNode value = root.get(field);
            if (value != null && !value.isNull()) {
                List<String> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(item -> values.add(item.asText()));
                } else {
                    values.add(value.asText());
                }
                put(ids, field, values);
            }
        }
        if (mentionsEmail(root)) {
            ids.put("email", GIVEN);
        }
    }

    private static boolean mentionsEmail(JsonNode node) {
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (field.getKey().toLowerCase(Locale.ROOT).contains("email") || mentionsEmail(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (mentionsEmail(item)) {
                    return true;
                }
            }
        } else {
            return node.isTextual() && node.asText().contains("@");
        }
        return false;
    }

    private void put(Map<String, String> ids, String name, List<String> values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value.contains("@")) {
                ids.put("email", GIVEN);
            } else if (!cpr.containsCpr(value) && kept.size() < MAX_IDS) {
                kept.add(value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE));
            }
        }
        if (values.size() > MAX_IDS) {
            ids.put(name + "Count", String.valueOf(values.size()));
        }
        if (!kept.isEmpty()) {
            ids.put(name, String.join(",", kept));
        }
    }
}
