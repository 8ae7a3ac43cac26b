package io.paretune.bench.search.functions;

import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hartmann 6-D: {@code -Σᵢ αᵢ exp(-Σⱼ Aᵢⱼ (xⱼ - Pᵢⱼ)²)} on [0, 1]⁶ with the usual α, A, P (Surjanovic &amp; Bingham's
 * library of test functions); minimum -3.32237 at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573).
 */
public final class Hartmann6 implements TestFunction {

    /** The minimum to the precision the literature gives it. */
    public static final double OPTIMUM = -3.32237;

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
            {10, 3, 17, 3.5, 1.7, 8},
            {0.05, 10, 17, 0.1, 8, 14},
            {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
            {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
            {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
            {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    private static final double[] ARGMIN = {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};

    private static final SearchSpace SPACE;

    static {
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        for (int j = 1; j <= 6; j++) {
            parameters.put("x" + j, new ParameterSpec.FloatRange(0, 1, false));
        }
        SPACE = SearchSpace.of(parameters);
    }

    @Override
    public String name() {
        return "hartmann6";
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
        Map<String, Object> point = new LinkedHashMap<>();
        for (int j = 1; j <= 6; j++) {
            point.put("x" + j, ARGMIN[j - 1]);
        }
        return point;
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double d = TestFunction.number(params, "x" + (j + 1)) - P[i][j];
                inner += A[i][j] * d * d;
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    @Override
    public String description() {
        return "Hartmann 6-D, 6 floats x1..x6 in [0, 1]; minimum -3.32237 at "
                + "(0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573)";
    }
}
