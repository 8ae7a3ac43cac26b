package io.paretune.bench.search.functions.mixed;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.Condition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stand-ins for hyperparameter objectives over mixed, conditional spaces, by name. A conditional parameter is absent
 * from a trial where its condition does not hold, so each function reads it only after checking the condition
 * itself: the values read here fail on an absent parameter rather than fall back to a default, which would hide a
 * read of an inactive parameter.
 */
public final class MixedSpaces {

    private MixedSpaces() {
    }

    /** Name to function, in the order the benchmark lists them. */
    public static Map<String, Supplier<TestFunction>> all() {
        Map<String, Supplier<TestFunction>> out = new LinkedHashMap<>();
        out.put("mixed-optimizer", MixedOptimizer::new);
        out.put("mixed-family", MixedFamily::new);
        out.put("mixed-depth", MixedDepth::new);
        out.put("mixed-many", MixedMany::new);
        return out;
    }

    /** A parameter that exists when {@code parameter} took one of {@code values}. */
    static Condition whenIn(String parameter, Object... values) {
        return new Condition(parameter, List.of(values), null, null);
    }

    /** A parameter that exists when {@code parameter} is at least {@code min}. */
    static Condition whenAtLeast(String parameter, double min) {
        return new Condition(parameter, null, min, null);
    }

    /** A categorical parameter's value, one of {@code choices}. */
    static String choice(Map<String, Object> params, String name, List<Object> choices) {
        Object value = params.get(name);
        if (!(value instanceof String s) || !choices.contains(s)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be one of " + choices + ", got " + value);
        }
        return s;
    }

    /** A boolean categorical parameter's value. */
    static boolean flag(Map<String, Object> params, String name) {
        if (!(params.get(name) instanceof Boolean b)) {
            throw new IllegalArgumentException("parameter '" + name + "' is missing or not a boolean: " + params.get(name));
        }
        return b;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
