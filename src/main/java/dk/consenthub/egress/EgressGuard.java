package dk.consenthub.egress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.egress.EgressBlockedException.BlockReason;
import dk.consenthub.system.KeyedHasher;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The one door out of the clinic. Every request to every system passes {@link #inspect}: projection to the
 * destination's allow-list, removal of denied fields and of free text naming health matters, CPR masking, then
 * a final scan of the serialized request
 * (URL, headers, body) and of its host. Anything left that looks like a CPR number or a denied field blocks the
 * request: it is not sent.
 */
@Component
public class EgressGuard {

    /**
     * A path segment of exactly 32 lower-case hex digits is an MD5 the adapter computed (Mailchimp's member id);
     * hex digests can contain ten digits in a row by chance and would otherwise look like a CPR number.
     */
    private static final java.util.regex.Pattern MEMBER_HASH_SEGMENT =
            java.util.regex.Pattern.compile("/[0-9a-f]{32}(?=/|\\?|$)");

    private final Map<String, EgressDestination> destinations;
    private final EgressProperties properties;
    private final SensitiveFieldPolicy denied;
    private final HealthTerms healthTerms;
    private final CprDetector detector;
    private final KeyedHasher hasher;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Map<Set<String>, AllowListProjection> projections = new java.util.concurrent.ConcurrentHashMap<>();

    EgressGuard(List<EgressDestination> destinations, EgressProperties properties, CprDetector detector,
                KeyedHasher hasher, ObjectMapper json, MeterRegistry meters) {
        this.destinations = destinations.stream().collect(Collectors.toMap(EgressDestination::name, d -> d));
        this.properties = properties;
        this.denied = new SensitiveFieldPolicy(properties.deniedFields());
        this.healthTerms = new HealthTerms(properties.healthTerms());
        this.detector = detector;
        this.hasher = hasher;
        this.json = json;
        this.meters = meters;
    }

    public EgressDestination destination(String name) {
        EgressDestination destination = destinations.get(name);
        if (destination == null) {
            throw block(name, BlockReason.UNKNOWN_DESTINATION, null);
        }
        return destination;
    }

    public GuardedRequest inspect(EgressRequest request) {
        EgressDestination destination = destination(request.destination());
        Object body = request.body();
        if (body != null && !isPlainJson(body)) {
            body = json.convertValue(body, Object.class); // records and beans become maps; plain trees need no copy
        }
        if (body != null) {
            Set<String> allowed = destination.allowedFields();
            body = projections.computeIfAbsent(allowed, AllowListProjection::new).project(body);
            body = clean(body, "", request);
        }
        URI url = url(destination, request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            bytes = serialize(body);
        }
        GuardedRequest guarded = new GuardedRequest(destination.name(), request.operation(), request.method(), url,
                Map.copyOf(headers), bytes);
        finalScan(destination, guarded);
        return guarded;
    }

    /** Maps with text keys, lists and JSON scalars: what adapters build, readable as is. */
    private static boolean isPlainJson(Object node) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean) {
            return true;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !isPlainJson(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof List<?> list) {
            for (Object item : list) {
                if (!isPlainJson(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Removes denied fields at any depth, drops free text that reads as health information, and masks CPR
     * numbers in the remaining text.
     */
    private Object clean(Object node, String path, EgressRequest request) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!denied.isDenied(key)) {
                    Object value = clean(entry.getValue(), path, key, request);
                    if (value != DROPPED) {
                        kept.put(key, value);
                    }
                }
            }
            return kept;
        }
        if (node instanceof List<?> list) {
            List<Object> kept = new ArrayList<>(list.size());
            for (Object item : list) {
                Object value = clean(item, path, "[]", request);
                if (value != DROPPED) {
                    kept.add(value);
                }
            }
            return kept;
        }
        return node;
    }

    private static final Object DROPPED = new Object();

    /**
     * The child {@code step} of {@code path} (a key, or {@code []} for a list element), cleaned, or {@link #DROPPED}
     * when it is free text about health. The child's path is only written out when it is needed.
     */
    private Object clean(Object child, String path, String step, EgressRequest request) {
        if (child instanceof String text) {
            if (healthTerms.mentions(text) && !request.identifiers().contains(childPath(path, step))) {
                return DROPPED; // identifiers are left to the CPR check: an address is not free text
            }
            return detector.containsCpr(text) ? mask(text, childPath(path, step), request) : text;
        }
        return child instanceof Map<?, ?> || child instanceof List<?> ? clean(child, childPath(path, step), request)
                : child;
    }

    private static String childPath(String path, String step) {
        return step.equals("[]") ? path + step : path.isEmpty() ? step : path + "." + step;
    }

    private String mask(String text, String path, EgressRequest request) {
        if (request.identifiers().contains(path)) {
            // An address built around a CPR number cannot be rewritten into something meaningful: never send it.
            throw block(request.destination(), BlockReason.CPR_IN_IDENTIFIER, path);
        }
        return switch (properties.maskingFor(request.destination())) {
            case REDACT -> detector.redact(text);
            case HASH -> detector.replaceAll(text, m -> "cpr-" + lettersOnly(hasher.hash("egress-cpr", m.digits()).substring(0, 16)));
            case BLOCK -> throw block(request.destination(), BlockReason.CPR_RESIDUE, path);
        };
    }

    private URI url(EgressDestination destination, EgressRequest request) {
        StringBuilder url = new StringBuilder(destination.baseUrl(request.operation()).toString());
        if (url.charAt(url.length() - 1) == '/') {
            url.setLength(url.length() - 1);
        }
        url.append(request.path().startsWith("/") ? "" : "/").append(request.path());
        if (!request.query().isEmpty()) {
            url.append('?').append(request.query().entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&")));
        }
        try {
            return URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw block(destination.name(), BlockReason.HOST_NOT_ALLOWED, "malformed URL");
        }
    }

    /** Looks at the request as it will be sent. Masking above should leave nothing; if it did, nothing is sent. */
    private void finalScan(EgressDestination destination, GuardedRequest request) {
        if (!hostAllowed(destination.name(), request.url())) {
            throw block(destination.name(), BlockReason.HOST_NOT_ALLOWED, request.url().getHost());
        }
        String url = MEMBER_HASH_SEGMENT.matcher(request.url().toString()).replaceAll("/md5");
        // Scanned as written and decoded: "010190+1234" in a query is "010190 1234".
        if (detector.containsCpr(url) || detector.containsCpr(decoded(url))) {
            throw block(destination.name(), BlockReason.CPR_RESIDUE, "URL");
        }
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (detector.containsCpr(header.getValue())) {
                throw block(destination.name(), BlockReason.CPR_RESIDUE, "header " + header.getKey());
            }
        }
        if (request.body() != null) {
            if (detector.containsCpr(new String(request.body(), StandardCharsets.UTF_8))) {
                throw block(destination.name(), BlockReason.CPR_RESIDUE, "body");
            }
            String field = firstDeniedField(request.body());
            if (field != null) {
                throw block(destination.name(), BlockReason.DENIED_FIELD, field);
            }
        }
    }

    /** Streams the serialized body's field names: no second tree is built just to read them. */
    private String firstDeniedField(byte[] body) {
        try (com.fasterxml.jackson.core.JsonParser parser = json.getFactory().createParser(body)) {
            for (com.fasterxml.jackson.core.JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && denied.isDenied(parser.currentName())) {
                    return parser.currentName();
                }
            }
            return null;
        } catch (java.io.IOException unreadable) {
            return "(unreadable body)";
        }
    }

    boolean hostAllowed(String destination, URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!"https".equals(url.getScheme()) && !loopback) {
            return false; // transfers leave the machine encrypted or not at all
        }
        for (String pattern : properties.allowedHosts().getOrDefault(destination, List.of())) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private EgressBlockedException block(String destination, BlockReason reason, String where) {
        meters.counter("hub.egress.blocked", "destination", destination, "reason", reason.name()).increment();
        return new EgressBlockedException(destination, reason, where);
    }

    private byte[] serialize(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("body could not be serialized", e);
        }
    }

    /** Hex digits mapped onto a..p: a token with no digits can never look like a CPR number itself. */
    private static String lettersOnly(String hex) {
        StringBuilder out = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            out.append((char) ('a' + Character.digit(hex.charAt(i), 16)));
        }
        return out.toString();
    }

    private static String decoded(String url) {
        try {
            return java.net.URLDecoder.decode(url, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return url.replace('+', ' ');
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
