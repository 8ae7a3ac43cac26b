package io.paretune.bench.search.functions;

import io.paretune.contract.search.ParameterSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmark's functions by name: {@code branin}, {@code hartmann6}, {@code rosenbrock10}, {@code mixed}, then
 * the literature's multimodal ones ({@link ClassicFunctions}) and mixed conditional spaces ({@link MixedSpaces}).
 */
public final class TestFunctions {

    private static final Map<String, Supplier<TestFunction>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("branin", Branin::new);
        ALL.put("hartmann6", Hartmann6::new);
        ALL.put("rosenbrock10", () -> new Rosenbrock(10));
        ALL.put("mixed", MixedFunction::new);
        ALL.putAll(ClassicFunctions.all());
        ALL.putAll(MixedSpaces.all());
    }

    private TestFunctions() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** @throws IllegalArgumentException naming the known functions when {@code name} is not one */
    public static TestFunction byName(String name) {
        Supplier<TestFunction> f = ALL.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown function '" + name + "'; known: " + String.join(", ", names()));
        }
        return f.get();
    }

    /**
     * The function's value at four points both sides of the benchmark can build from the domain alone: every
     * parameter at its low end ({@code low}: floats and ints low, a categorical's first choice), at its high end
     * ({@code high}: high, last choice), in the middle ({@code mid}: (low + high) / 2 for floats, the middle value of
     * an int range, choice number size / 2), and {@link TestFunction#argmin()}. {@code bench/optuna_search.py}
     * reports the same four; equal values mean both sides optimize the same function.
     */
    public static Map<String, Double> probes(TestFunction f) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String where : List.of("low", "mid", "high")) {
            Map<String, Object> point = new LinkedHashMap<>();
            f.space().parameters().forEach((name, spec) -> point.put(name, probe(spec, where)));
            out.put(where, f.evaluate(point));
        }
        out.put("argmin", f.evaluate(f.argmin()));
        return out;
    }

    private static Object probe(ParameterSpec spec, String where) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            return where.equals("low") ? r.low() : where.equals("high") ? r.high() : (r.low() + r.high()) / 2;
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            long index = where.equals("low") ? 0 : where.equals("high") ? r.size() - 1 : (r.size() - 1) / 2;
            return r.low() + index * r.step();
        }
        if (spec instanceof ParameterSpec.Categorical c) {
            int n = c.choices().size();
            return c.choices().get(where.equals("low") ? 0 : where.equals("high") ? n - 1 : n / 2);
        }
        return ((ParameterSpec.Fixed) spec).value();
    }
}
