package dk.consenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.consenthub.egress.CprDetector;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a report keeps of a system's answer: the listed fields only (matched in any case, as Gecko's two shapes
 * need), everything else dropped, and a CPR number in any text kept field replaced by {@link CprDetector#REDACTED}:
 * a number typed into a name field at the clinic is not repeated in a document that leaves it on paper.
 */
final class ReportFields {

    private static final CprDetector CPR = new CprDetector();

    private ReportFields() {
    }

    /** The listed fields of {@code source}, in the list's order, under the names given there. */
    static ObjectNode keep(JsonNode source, List<String> fields) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        if (source == null || !source.isObject()) {
            return kept;
        }
        for (String field : fields) {
            JsonNode value = field(source, field);
            if (value != null && !value.isNull()) {
                kept.set(field, redacted(value));
            }
        }
        return kept;
    }

    /** A field by name in any case. */
    static JsonNode field(JsonNode source, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return field.getValue();
            }
        }
        return null;
    }

    /** A value with every CPR number in its texts, at any depth, redacted. */
    static JsonNode redacted(JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(CPR.redact(value.asText()));
        }
        if (value.isContainerNode()) {
            JsonNode copy = value.deepCopy();
            if (copy.isObject()) {
                ((ObjectNode) copy).fields().forEachRemaining(field -> field.setValue(redacted(field.getValue())));
            } else {
                for (int i = 0; i < copy.size(); i++) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) copy).set(i, redacted(copy.get(i)));
                }
            }
            return copy;
        }
        return value;
    }
}
