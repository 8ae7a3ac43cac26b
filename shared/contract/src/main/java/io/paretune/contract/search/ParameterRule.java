package io.paretune.contract.search;

import java.util.List;

/**
 * What a model family allows for one of its parameters: the kind of value, numeric bounds (inclusive) or the
 * allowed choices, and the default used when a campaign does not search the parameter.
 */
public record ParameterRule(String name, ValueKind kind, double min, double max, List<Object> allowed,
                            Object defaultValue, String description) {

    public static ParameterRule numeric(String name, ValueKind kind, double min, double max, Object defaultValue,
                                        String description) {
        return new ParameterRule(name, kind, min, max, List.of(), defaultValue, description);
    }

    public static ParameterRule choice(String name, ValueKind kind, List<Object> allowed, Object defaultValue,
                                       String description) {
        return new ParameterRule(name, kind, Double.NaN, Double.NaN, List.copyOf(allowed), defaultValue, description);
    }

    public boolean isNumeric() {
        return kind == ValueKind.INT || kind == ValueKind.FLOAT;
    }

    /** Null when the value is allowed, else why not. */
    public String check(Object value) {
        if (!kind.accepts(value)) {
            return "must be " + describeKind();
        }
        if (isNumeric() && allowed.isEmpty()) {
            double d = ((Number) value).doubleValue();
            if (!(d >= min && d <= max)) {
                return "must be within [" + format(min) + ", " + format(max) + "], got " + value;
            }
            return null;
        }
        // Integral choices are held as Long (ParameterValues): an Integer 5 from a test or a builder is the same 5.
        return allowed.isEmpty() || allowed.contains(ParameterValues.normalize(value)) ? null : "must be one of " + allowed + ", got " + value;
    }

    private String describeKind() {
        return switch (kind) {
            case INT -> "an integer";
            case FLOAT -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "true or false";
        };
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
