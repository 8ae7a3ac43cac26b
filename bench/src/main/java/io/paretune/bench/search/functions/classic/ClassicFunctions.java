package io.paretune.bench.search.functions.classic;

import io.paretune.bench.search.functions.TestFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The multimodal functions of the optimization literature (definitions and domains as in Surjanovic &amp; Bingham's
 * Virtual Library of Simulation Experiments) in the dimensions the benchmark runs them in, by name: Branin, Hartmann-6
 * and Rosenbrock have one basin or a few, where these have many local minima for a sampler to get caught in.
 */
public final class ClassicFunctions {

    private ClassicFunctions() {
    }

    /** Name to function, in the order the benchmark lists them. */
    public static Map<String, Supplier<TestFunction>> all() {
        Map<String, Supplier<TestFunction>> out = new LinkedHashMap<>();
        family(out, Rastrigin::new, 2, 5, 10);
        family(out, Schwefel::new, 2, 5);
        family(out, Griewank::new, 5, 10);
        family(out, Ackley::new, 5, 10);
        family(out, Levy::new, 5, 10);
        family(out, StyblinskiTang::new, 5, 10);
        family(out, Michalewicz::new, 2, 5);
        family(out, Shekel::new, 5, 7, 10);
        return out;
    }

    private static void family(Map<String, Supplier<TestFunction>> out, IntFunction<TestFunction> make, int... sizes) {
        for (int size : sizes) {
            out.put(make.apply(size).name(), () -> make.apply(size));
        }
    }
}
