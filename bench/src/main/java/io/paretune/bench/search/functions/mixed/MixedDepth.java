package io.paretune.bench.search.functions.mixed;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.paretune.bench.search.functions.mixed.MixedSpaces.whenAtLeast;

/**
 * A network's validation loss over its depth, where layer k's width exists only when there are at least k layers
 * (our own design):
 * <pre>
 *   f = c(layers) + Σ_{k ≤ layers} 0.2 (log2 units_k - (9 - k))² + 4 (dropout - 0.05 layers)²
 *     + (log10 learningRate + 2.25 + 0.25 layers)² + a(activation)
 *   layers: int [1, 4], c = 0.9, 0.35, 0, 0.2          units1..units4: int, log, [8, 512]; units_k only when layers ≥ k
 *   dropout: float [0, 0.5]                           learningRate: float, log, [1e-4, 1e-1]
 *   activation: relu | gelu | tanh, a = 0, 0.05, 0.3
 * </pre>
 * Minimum 0, only at 3 layers of 256, 128 and 64 units, dropout 0.15, learningRate 1e-3, relu. Each depth has its own
 * best widths (tapering by halves), dropout and learning rate, so what is learnt about one depth says little about
 * another.
 */
public final class MixedDepth extends KnownMinimumSpace {

    static final List<Object> ACTIVATIONS = List.of("relu", "gelu", "tanh");
    private static final double[] DEPTH_COST = {0.9, 0.35, 0, 0.2};
    private static final double[] ACTIVATION_COST = {0, 0.05, 0.3};
    static final int MAX_LAYERS = 4;

    private static final SearchSpace SPACE;

    static {
        Map<String, ParameterSpec> parameters = new HashMap<>();
        parameters.put("layers", new ParameterSpec.IntRange(1, MAX_LAYERS, false, 1));
        parameters.put("units1", new ParameterSpec.IntRange(8, 512, true, 1));
        for (int k = 2; k <= MAX_LAYERS; k++) {
            parameters.put("units" + k, new ParameterSpec.IntRange(8, 512, true, 1, whenAtLeast("layers", k)));
        }
        parameters.put("dropout", new ParameterSpec.FloatRange(0, 0.5, false));
        parameters.put("learningRate", new ParameterSpec.FloatRange(1e-4, 1e-1, true));
        parameters.put("activation", new ParameterSpec.Categorical(ACTIVATIONS));
        SPACE = SearchSpace.of(parameters);
    }

    MixedDepth() {
        super("mixed-depth", SPACE, Map.of("layers", 3L, "units1", 256L, "units2", 128L, "units3", 64L, "dropout", 0.15,
                "learningRate", 1e-3, "activation", "relu"));
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        int layers = (int) TestFunction.number(params, "layers");
        double sum = DEPTH_COST[layers - 1];
        for (int k = 1; k <= layers; k++) {
            double width = MixedSpaces.log2(TestFunction.number(params, "units" + k)) - (9 - k);
            sum += 0.2 * width * width;
        }
        double dropout = TestFunction.number(params, "dropout") - 0.05 * layers;
        double rate = Math.log10(TestFunction.number(params, "learningRate")) + 2.25 + 0.25 * layers;
        String activation = MixedSpaces.choice(params, "activation", ACTIVATIONS);
        return sum + 4 * dropout * dropout + rate * rate + ACTIVATION_COST[ACTIVATIONS.indexOf(activation)];
    }

    @Override
    public String description() {
        return "mixed-depth: c(layers) + sum_{k<=layers} 0.2 (log2 units_k - (9 - k))^2 + 4 (dropout - 0.05 layers)^2 "
                + "+ (log10 learningRate + 2.25 + 0.25 layers)^2 + a(activation); layers int [1, 4] (c 0.9, 0.35, 0, "
                + "0.2), units1..units4 log-int [8, 512] (units_k when layers >= k), dropout float [0, 0.5], "
                + "learningRate log-float [1e-4, 1e-1], activation {relu, gelu, tanh} (a 0, 0.05, 0.3); minimum 0 at "
                + "layers 3, units 256, 128, 64, dropout 0.15, learningRate 1e-3, relu";
    }
}
