package io.paretune.bench.search.functions;

import io.paretune.bench.search.functions.bbob.BbobFunction;
import io.paretune.bench.search.functions.bbob.BbobSuite;
import io.paretune.bench.search.functions.classic.ClassicFunctions;
import io.paretune.bench.search.functions.mixed.MixedSpaces;
import io.paretune.contract.search.ParameterSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmark's functions by name: {@code branin}, {@code hartmann6}, {@code rosenbrock10}, {@code mixed}, then
 * the literature's multimodal ones ({@link ClassicFunctions}), mixed conditional spaces ({@link MixedSpaces}) and
 * COCO's 24 BBOB functions in 2, 5 and 10 dimensions ({@code bbob-f01-d2} .. {@code bbob-f24-d10}, {@link BbobSuite}),
 * and noisy variants of six of them ({@code noisy-rastrigin-d5}, {@link NoisyFunction}).
 */
public final class TestFunctions {

    private static final Map<String, Supplier<TestFunction>> ALL = new LinkedHashMap<>();

    /**
     * The functions that also have a noisy variant, and its noise: about 3 % of the median regret of a random point,
     * three in each half of the suite ({@link SuiteSplit}).
     */
    static final Map<String, Double> NOISE_SD = orderedMap(
            "rastrigin-d5", 3.0, "mixed-many", 0.1, "bbob-f15-d5", 20.0,
            "styblinski-tang-d5", 8.0, "mixed-optimizer", 0.1, "bbob-f22-d5", 2.5);

    static {
        ALL.put("branin", Branin::new);
        ALL.put("hartmann6", Hartmann6::new);
        ALL.put("rosenbrock10", () -> new Rosenbrock(10));
        ALL.put("mixed", MixedFunction::new);
        ALL.putAll(ClassicFunctions.all());
        ALL.putAll(MixedSpaces.all());
        for (int d : BbobSuite.DIMENSIONS) {
            for (int f = 1; f <= BbobFunction.FUNCTIONS; f++) {
                int function = f;
                ALL.put(BbobFunction.name(f, d, BbobSuite.INSTANCE), () -> new BbobFunction(function, d, BbobSuite.INSTANCE));
            }
        }
        NOISE_SD.forEach((name, sd) -> {
            Supplier<TestFunction> base = ALL.get(name);
            ALL.put(NoisyFunction.PREFIX + name, () -> new NoisyFunction(base.get(), sd));
        });
    }

    private TestFunctions() {
    }

    private static Map<String, Double> orderedMap(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }

    /** Every function, the default set first. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** @throws IllegalArgumentException naming the known functions when {@code name} is not one */
    public static TestFunction byName(String name) {
        Supplier<TestFunction> f = ALL.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown function '" + name + "'; ./paretune bench search --list-functions "
                    + "lists the " + ALL.size() + " known ones");
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
