package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.search.Condition;
import io.paretune.contract.search.ParameterSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** Reads one search-space dimension from JSON, reporting what is wrong with it by path. */
final class SearchSpaceJson {

    /** Choices of one categorical parameter: samplers weigh every choice at every ask. */
    static final int MAX_CHOICES = 1_000;

    private SearchSpaceJson() {
    }

    static ParameterSpec parameter(JsonNode node, String path, BiConsumer<String, String> errors) {
        if (node == null || node.isNull()) {
            errors.accept(path, "must be a value or a {\"type\": ...} object");
            return null;
        }
        if (!node.isObject()) {
            Object value = scalar(node);
            if (value == null) {
                errors.accept(path, "a fixed value must be a number, string or boolean");
                return null;
            }
            return new ParameterSpec.Fixed(value);
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            errors.accept(path + ".type", "is required: float, int, categorical or fixed");
            return null;
        }
        return switch (type.asText()) {
            case "float" -> floatRange(node, path, errors);
            case "int" -> intRange(node, path, errors);
            case "categorical" -> categorical(node, path, errors);
            case "fixed" -> fixed(node, path, errors);
            default -> {
                errors.accept(path + ".type", "unknown type '" + type.asText() + "'; known: float, int, categorical, fixed");
                yield null;
            }
        };
    }

    private static ParameterSpec floatRange(JsonNode node, String path, BiConsumer<String, String> errors) {
        unknown(node, Set.of("type", "low", "high", "log", "when"), path, errors);
        Double low = number(node, "low", path, errors);
        Double high = number(node, "high", path, errors);
        boolean log = bool(node, "log", path, errors);
        if (low != null && high != null) {
            if (low > high) {
                errors.accept(path, "low (" + low + ") must not exceed high (" + high + ")");
            }
            if (log && low <= 0) {
                errors.accept(path + ".low", "must be > 0 when log is true");
            }
        }
        Condition when = condition(node, path, errors);
        return low == null || high == null ? null : new ParameterSpec.FloatRange(low, high, log, when);
    }

    private static ParameterSpec intRange(JsonNode node, String path, BiConsumer<String, String> errors) {
        unknown(node, Set.of("type", "low", "high", "log", "step", "when"), path, errors);
        Long low = integer(node, "low", path, errors, true);
        Long high = integer(node, "high", path, errors, true);
        boolean log = bool(node, "log", path, errors);
        Long step = integer(node, "step", path, errors, false);
        long s = step == null ? 1 : step;
        if (s < 1) {
            errors.accept(path + ".step", "must be >= 1");
        }
        if (log && s != 1) {
            errors.accept(path + ".step", "must be 1 when log is true");
        }
        if (low != null && high != null) {
            if (low > high) {
                errors.accept(path, "low (" + low + ") must not exceed high (" + high + ")");
            }
            if (log && low < 1) {
                errors.accept(path + ".low", "must be >= 1 when log is true");
            }
        }
        Condition when = condition(node, path, errors);
        return low == null || high == null ? null : new ParameterSpec.IntRange(low, high, log, Math.max(1, s), when);
    }

    private static ParameterSpec categorical(JsonNode node, String path, BiConsumer<String, String> errors) {
        unknown(node, Set.of("type", "choices", "when"), path, errors);
        JsonNode choices = node.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            errors.accept(path + ".choices", "must be a non-empty list");
            return null;
        }
        if (choices.size() > MAX_CHOICES) {
            errors.accept(path + ".choices", "at most " + MAX_CHOICES + " choices, got " + choices.size());
            return null;
        }
        List<Object> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            Object v = scalar(choices.get(i));
            if (v == null) {
                errors.accept(path + ".choices[" + i + "]", "must be a number, string or boolean");
            } else if (!seen.add(v)) {
                errors.accept(path + ".choices[" + i + "]", "duplicate choice " + v);
            } else {
                values.add(v);
            }
        }
        Condition when = condition(node, path, errors);
        return values.size() == choices.size() ? new ParameterSpec.Categorical(values, when) : null;
    }

    private static ParameterSpec fixed(JsonNode node, String path, BiConsumer<String, String> errors) {
        unknown(node, Set.of("type", "value", "when"), path, errors);
        Object v = scalar(node.get("value"));
        if (v == null) {
            errors.accept(path + ".value", "must be a number, string or boolean");
            return null;
        }
        return new ParameterSpec.Fixed(v, condition(node, path, errors));
    }

    /**
     * Reads {@code "when": {"parameter": "layers", "in": [3, 4]}} or {@code {"parameter": "layers", "min": 3}}; null
     * when absent. Whether the parameter exists is checked once the whole space is read.
     */
    private static Condition condition(JsonNode parent, String parentPath, BiConsumer<String, String> errors) {
        JsonNode node = parent.get("when");
        if (node == null || node.isNull()) {
            return null;
        }
        String path = parentPath + ".when";
        if (!node.isObject()) {
            errors.accept(path, "must be an object such as {\"parameter\": \"layers\", \"min\": 3}");
            return null;
        }
        unknown(node, Set.of("parameter", "in", "min", "max"), path, errors);
        JsonNode p = node.get("parameter");
        String parameter = p != null && p.isTextual() && !p.asText().isBlank() ? p.asText() : null;
        if (parameter == null) {
            errors.accept(path + ".parameter", "is required: the name of the parameter this one depends on");
        }
        List<Object> in = null;
        JsonNode list = node.get("in");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.isEmpty()) {
                errors.accept(path + ".in", "must be a non-empty list of values");
            } else {
                in = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object v = scalar(list.get(i));
                    if (v == null) {
                        errors.accept(path + ".in[" + i + "]", "must be a number, string or boolean");
                    }
                    in.add(v);
                }
            }
        }
        Double min = node.hasNonNull("min") ? number(node, "min", path, errors) : null;
        Double max = node.hasNonNull("max") ? number(node, "max", path, errors) : null;
        if (list == null && !node.hasNonNull("min") && !node.hasNonNull("max")) {
            errors.accept(path, "needs in, min or max");
        }
        if (min != null && max != null && min > max) {
            errors.accept(path, "min (" + min + ") must not exceed max (" + max + ")");
        }
        if (parameter == null || (in != null && in.contains(null))) {
            return null;
        }
        return new Condition(parameter, in, min, max);
    }

    /** The largest number a dimension can produce (NaN when it holds no numbers). */
    static double highestNumber(ParameterSpec spec) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            return r.high();
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            return r.high();
        }
        if (spec instanceof ParameterSpec.Fixed f && f.value() instanceof Number n) {
            return n.doubleValue();
        }
        if (spec instanceof ParameterSpec.Categorical c) {
            return c.choices().stream().filter(Number.class::isInstance)
                    .mapToDouble(o -> ((Number) o).doubleValue()).max().orElse(Double.NaN);
        }
        return Double.NaN;
    }

    /** JSON scalar to Java: integral numbers as Long, other numbers as Double (finite only). */
    static Object scalar(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            double d = node.asDouble();
            return Double.isFinite(d) ? d : null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return null;
    }

    private static Double number(JsonNode node, String field, String path, BiConsumer<String, String> errors) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            errors.accept(path + "." + field, "must be a finite number");
            return null;
        }
        return v.asDouble();
    }

    private static Long integer(JsonNode node, String field, String path, BiConsumer<String, String> errors,
                                boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.accept(path + "." + field, "must be an integer");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.accept(path + "." + field, "must be an integer, got " + v);
            return null;
        }
        return v.asLong();
    }

    private static boolean bool(JsonNode node, String field, String path, BiConsumer<String, String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            errors.accept(path + "." + field, "must be true or false, got " + v);
            return false;
        }
        return v.asBoolean();
    }

    private static void unknown(JsonNode node, Set<String> known, String path, BiConsumer<String, String> errors) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                errors.accept(path + "." + f, "unknown field; known: " + new java.util.TreeSet<>(known));
            }
        });
    }

}
