package dk.consenthub.booking;

import com.fasterxml.jackson.databind.JsonNode;
import dk.consenthub.inbox.InputChecks;
import dk.consenthub.system.RejectedRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Gecko customer from either shape Gecko produces: the webhook template (upper-case keys such as
 * {@code CUSTOMEREMAIL}) or the REST API ({@code customerEmail}). Keys are matched case-insensitively, which makes
 * the two shapes one. Only identifiers and consent flags are read; everything else is left behind.
 */
public final class GeckoCustomerJson {

    private GeckoCustomerJson() {
    }

    /** @param zone the clinic's zone ({@code hub.zone}), for a date Gecko writes as unix seconds */
    public static GeckoCustomerEvent read(JsonNode root, ZoneId zone) {
        if (root == null || !root.isObject()) {
            throw RejectedRequestException.badRequest("The body must be a JSON object.", List.of());
        }
        Map<String, JsonNode> fields = upperCaseKeys(root);
        return new GeckoCustomerEvent(
                text(fields, "CUSTOMERID"),
                blankToNull(text(fields, "CUSTOMEREMAIL")),
                blankToNull(text(fields, "CUSTOMERFIRSTNAME")),
                flag(fields, "CUSTOMERACCEPTSMARKETINGEMAIL"),
                flag(fields, "CUSTOMERACCEPTSMARKETINGSMS"),
                tags(fields.get("CUSTOMERTAGS")),
                date(fields, "CUSTOMERLASTBOOKINGDATE", zone));
    }

    private static Map<String, JsonNode> upperCaseKeys(JsonNode node) {
        Map<String, JsonNode> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.putIfAbsent(field.getKey().toUpperCase(Locale.ROOT), field.getValue());
        }
        return fields;
    }

    private static String text(Map<String, JsonNode> fields, String key) {
        JsonNode node = fields.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw RejectedRequestException.field(key, "must be a text or number");
        }
        return InputChecks.trimSpaces(node.asText());
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Gecko templates spell flags many ways; an unknown spelling is an error, not a silent "no". */
    static Boolean flag(Map<String, JsonNode> fields, String key) {
        JsonNode node = fields.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isContainerNode()) {
            throw RejectedRequestException.field(key, "must be true/false, 1/0 or ja/nej");
        }
        return switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "true", "1", "ja", "yes", "y", "j", "on" -> Boolean.TRUE;
            case "false", "0", "nej", "no", "n", "off" -> Boolean.FALSE;
            default -> throw RejectedRequestException.field(key, "must be true/false, 1/0 or ja/nej");
        };
    }

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd-MM-yyyy"), DateTimeFormatter.ofPattern("dd.MM.yyyy"),
            DateTimeFormatter.ofPattern("dd/MM/yyyy"));

    /** A date as Gecko templates may write it: ISO, Danish day-first, with or without a time, or unix seconds. */
    static LocalDate date(Map<String, JsonNode> fields, String key, ZoneId zone) {
        String text = text(fields, key);
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.matches("[0-9]{9,11}")) {
            return LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(text)), zone);
        }
        String day = text.split("[ T]", 2)[0];
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(day, format);
            } catch (DateTimeParseException notThisOne) {
                // try the next spelling
            }
        }
        throw RejectedRequestException.field(key, "must be a date (YYYY-MM-DD or DD-MM-YYYY)");
    }

    private static List<String> tags(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
            return names;
        }
        if (!node.isArray()) {
            throw RejectedRequestException.field("CUSTOMERTAGS", "must be a list of tags");
        }
        for (JsonNode tag : node) {
            JsonNode name = tag.isObject() ? upperCaseKeys(tag).get("CUSTOMERTAGNAME") : tag;
            if (name != null && name.isValueNode() && !name.asText().isBlank()) {
                names.add(name.asText().trim());
            }
        }
        return names;
    }
}
