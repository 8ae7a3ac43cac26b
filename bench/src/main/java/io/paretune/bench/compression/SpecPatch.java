package io.paretune.bench.compression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * A JSON merge patch (RFC 7386) applied to a campaign spec: objects merge field by field, anything else (arrays
 * included) replaces, {@code null} removes. The quick slices are kept as such patches beside the full specs, so that
 * what {@code --quick} changes is written down, not buried in code.
 */
final class SpecPatch {

    private SpecPatch() {
    }

    /** A copy of {@code spec} with {@code patch} applied; neither argument changes. */
    static ObjectNode apply(ObjectNode spec, JsonNode patch) {
        ObjectNode copy = spec.deepCopy();
        merge(copy, patch);
        return copy;
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode child) {
                merge(child, value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }
}
