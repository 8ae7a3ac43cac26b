package io.paretune.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How numbers and counts read in the terminal. Missing values print as "-". */
final class Formats {

    static final String NONE = "-";

    private Formats() {
    }

    static String accuracy(JsonNode n) {
        return n == null || !n.isNumber() ? NONE : String.format(Locale.ROOT, "%.4f", n.asDouble());
    }

    static String millis(JsonNode n) {
        return n == null || !n.isNumber() ? NONE : String.format(Locale.ROOT, "%.3f", n.asDouble());
    }

    static String count(JsonNode n) {
        return n == null || !n.isNumber() ? NONE : String.format(Locale.ROOT, "%,d", Math.round(n.asDouble()));
    }

    static String seconds(JsonNode n) {
        return n == null || !n.isNumber() ? NONE : String.format(Locale.ROOT, "%.1f s", n.asDouble());
    }

    /** A metric value whatever its kind: integers grouped, fractions to 4 significant places. */
    static String metric(String name, JsonNode n) {
        if (n == null || !n.isNumber()) {
            return n == null || n.isNull() ? NONE : n.asText();
        }
        double d = n.asDouble();
        // JSON numbers from a Map<String, Double> arrive as 3.0: whole values print as integers.
        if (n.isIntegralNumber() || (d == Math.rint(d) && Math.abs(d) >= 1) || name.endsWith("_count")
                || name.endsWith("_bytes") || name.equals("epochs_trained")) {
            return count(n);
        }
        if (name.startsWith("latency_ms")) {
            return millis(n);
        }
        return Math.abs(d) >= 1000 ? String.format(Locale.ROOT, "%,.1f", d) : String.format(Locale.ROOT, "%.4g", d);
    }

    /** A parameter value: learning rates and penalties in scientific notation, other fractions short. */
    static String param(String name, Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (name.equals("learningRate") || name.equals("l1") || name.equals("l2")) {
                return d == 0 ? "0" : String.format(Locale.ROOT, "%.1e", d);
            }
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }

    /** {@code 6 waiting · 2 running · 0 complete · 0 pruned · 0 failed} from a trialCounts object. */
    static String trialCounts(JsonNode counts) {
        return counts.path("WAITING").asInt() + " waiting · " + counts.path("RUNNING").asInt() + " running · "
                + counts.path("COMPLETE").asInt() + " complete · " + counts.path("PRUNED").asInt() + " pruned · "
                + counts.path("FAIL").asInt() + " failed";
    }

    static String objectives(JsonNode objectives) {
        List<String> parts = new ArrayList<>();
        for (JsonNode o : objectives) {
            parts.add(o.path("metric").asText() + " (" + o.path("direction").asText("").toLowerCase(Locale.ROOT) + ")");
        }
        return parts.isEmpty() ? NONE : String.join(", ", parts);
    }

    /** {@code name=value, ...} in the node's order. */
    static String keyValues(JsonNode node, boolean asMetrics) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String v = asMetrics ? metric(e.getKey(), e.getValue()) : param(e.getKey(), scalar(e.getValue()));
            parts.add(e.getKey() + "=" + v);
        }
        return String.join(", ", parts);
    }

    static Object scalar(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }
}
