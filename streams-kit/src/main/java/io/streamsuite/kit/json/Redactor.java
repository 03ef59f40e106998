package io.streamsuite.kit.json;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks sensitive fields (card numbers, say) wherever the kit shows a record to a person, keeping
 * the last four characters so an operator can still tell records apart.
 */
public final class Redactor {

    private static final int VISIBLE = 4;

    private final Set<String> fields;

    private Redactor(Set<String> fields) {
        this.fields = fields;
    }

    public static Redactor of(Collection<String> fieldNames) {
        return new Redactor(Set.copyOf(fieldNames));
    }

    public static Redactor none() {
        return new Redactor(Set.of());
    }

    /** True when some field is sensitive: then raw bytes must not be shown either. */
    public boolean active() {
        return !fields.isEmpty();
    }

    /** The same JSON with every sensitive field's value masked, at any depth; the input is left unchanged. */
    public JsonNode redact(JsonNode json) {
        if (json == null || !active()) {
            return json;
        }
        JsonNode copy = json.deepCopy();
        maskIn(copy);
        return copy;
    }

    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        int hidden = Math.max(0, value.length() - VISIBLE);
        return "*".repeat(hidden) + value.substring(hidden);
    }

    private void maskIn(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (fields.contains(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    object.put(field.getKey(), mask(field.getValue().asString()));
                } else {
                    maskIn(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::maskIn);
        }
    }
}
