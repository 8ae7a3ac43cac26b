package io.paretune.bench.search.functions;

import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rosenbrock in {@code d} dimensions: {@code Σ_{i<d} 100 (x_{i+1} - x_i²)² + (1 - x_i)²} on [-5, 10]^d; minimum 0
 * at (1, ..., 1). Parameters are named x01..x10 (zero-padded so that their sorted order is their index order).
 */
public final class Rosenbrock implements TestFunction {

    public static final double LOW = -5;
    public static final double HIGH = 10;

    private final int dimensions;
    private final SearchSpace space;

    public Rosenbrock(int dimensions) {
        if (dimensions < 2 || dimensions > 99) {
            throw new IllegalArgumentException("Rosenbrock needs 2 to 99 dimensions, got " + dimensions);
        }
        this.dimensions = dimensions;
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        for (int i = 1; i <= dimensions; i++) {
            parameters.put(TestFunction.coordinate(i), new ParameterSpec.FloatRange(LOW, HIGH, false));
        }
        this.space = SearchSpace.of(parameters);
    }

    @Override
    public String name() {
        return "rosenbrock" + dimensions;
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public double optimum() {
        return 0;
    }

    @Override
    public Map<String, Object> argmin() {
        Map<String, Object> point = new LinkedHashMap<>();
        for (int i = 1; i <= dimensions; i++) {
            point.put(TestFunction.coordinate(i), 1.0);
        }
        return point;
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        double sum = 0;
        double x = TestFunction.number(params, TestFunction.coordinate(1));
        for (int i = 1; i < dimensions; i++) {
            double next = TestFunction.number(params, TestFunction.coordinate(i + 1));
            sum += 100 * (next - x * x) * (next - x * x) + (1 - x) * (1 - x);
            x = next;
        }
        return sum;
    }

    @Override
    public String description() {
        return "Rosenbrock " + dimensions + "-D, " + dimensions + " floats x01..x" + String.format("%02d", dimensions)
                + " in [-5, 10]; minimum 0 at (1, ..., 1)";
    }
}
