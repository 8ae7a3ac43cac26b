package io.paretune.bench.search.functions;

import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.Map;

/**
 * Branin-Hoo: {@code (x2 - 5.1/(4π²) x1² + 5/π x1 - 6)² + 10 (1 - 1/(8π)) cos(x1) + 10} on x1 ∈ [-5, 10],
 * x2 ∈ [0, 15]; minimum 0.397887 at (-π, 12.275), (π, 2.275) and (9.42478, 2.475).
 */
public final class Branin implements TestFunction {

    /** 5/(4π), the exact minimum. */
    public static final double OPTIMUM = 5.0 / (4.0 * Math.PI);

    private static final SearchSpace SPACE = SearchSpace.of(Map.of(
            "x1", new ParameterSpec.FloatRange(-5, 10, false),
            "x2", new ParameterSpec.FloatRange(0, 15, false)));

    @Override
    public String name() {
        return "branin";
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public double optimum() {
        return OPTIMUM;
    }

    @Override
    public Map<String, Object> argmin() {
        return Map.of("x1", Math.PI, "x2", 2.275);
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        double x1 = TestFunction.number(params, "x1");
        double x2 = TestFunction.number(params, "x2");
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double u = x2 - b * x1 * x1 + c * x1 - 6;
        return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    @Override
    public String description() {
        return "Branin-Hoo, 2 floats x1 in [-5, 10], x2 in [0, 15]; minimum 0.397887 at (-pi, 12.275), (pi, 2.275), "
                + "(9.42478, 2.475)";
    }
}
