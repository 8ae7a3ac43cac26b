package io.paretune.bench.search.functions;

import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.List;
import java.util.Map;

/**
 * A stand-in for a training run's validation loss over a mixed space, with a known minimum (our own design):
 * <pre>
 *   f = (log10(learningRate) - t(optimizer))²        learningRate: float, log, [1e-5, 1]
 *     + 4 (dropout - 0.1 layers)²                     dropout: float [0, 0.8]
 *     + 0.5 (layers - 3)²                             layers: int [1, 8]
 *     + 0.25 (log2(units) - 7)²                       units: int, log, [8, 1024]
 *     + c(optimizer) + a(activation)                  optimizer: sgd | momentum | adam | rmsprop
 *                                                     activation: relu | tanh | sigmoid
 *   t: sgd -1, momentum -2, adam -3, rmsprop -3       (each optimizer has its own best learning rate)
 *   c: sgd 1.5, momentum 0.8, adam 0, rmsprop 0.3     a: relu 0, tanh 0.2, sigmoid 1.0
 * </pre>
 * Minimum 0, only at learningRate 1e-3, dropout 0.3, layers 3, units 128, optimizer adam, activation relu. The
 * learning rate's best value depends on the optimizer and the dropout's on the layers: interactions that an
 * independent (univariate) sampler cannot see.
 */
public final class MixedFunction implements TestFunction {

    static final List<Object> OPTIMIZERS = List.of("sgd", "momentum", "adam", "rmsprop");
    static final List<Object> ACTIVATIONS = List.of("relu", "tanh", "sigmoid");
    private static final Map<String, Double> LOG10_BEST_LR = Map.of("sgd", -1.0, "momentum", -2.0, "adam", -3.0, "rmsprop", -3.0);
    private static final Map<String, Double> OPTIMIZER_COST = Map.of("sgd", 1.5, "momentum", 0.8, "adam", 0.0, "rmsprop", 0.3);
    private static final Map<String, Double> ACTIVATION_COST = Map.of("relu", 0.0, "tanh", 0.2, "sigmoid", 1.0);

    private static final SearchSpace SPACE = SearchSpace.of(Map.of(
            "learningRate", new ParameterSpec.FloatRange(1e-5, 1, true),
            "dropout", new ParameterSpec.FloatRange(0, 0.8, false),
            "layers", new ParameterSpec.IntRange(1, 8, false, 1),
            "units", new ParameterSpec.IntRange(8, 1024, true, 1),
            "optimizer", new ParameterSpec.Categorical(OPTIMIZERS),
            "activation", new ParameterSpec.Categorical(ACTIVATIONS)));

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public double optimum() {
        return 0;
    }

    @Override
    public Map<String, Object> argmin() {
        return Map.of("learningRate", 1e-3, "dropout", 0.3, "layers", 3L, "units", 128L,
                "optimizer", "adam", "activation", "relu");
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        String optimizer = choice(params, "optimizer", LOG10_BEST_LR);
        String activation = choice(params, "activation", ACTIVATION_COST);
        double lr = Math.log10(TestFunction.number(params, "learningRate")) - LOG10_BEST_LR.get(optimizer);
        double layers = TestFunction.number(params, "layers");
        double dropout = TestFunction.number(params, "dropout") - 0.1 * layers;
        double units = Math.log(TestFunction.number(params, "units")) / Math.log(2) - 7;
        return lr * lr + 4 * dropout * dropout + 0.5 * (layers - 3) * (layers - 3) + 0.25 * units * units
                + OPTIMIZER_COST.get(optimizer) + ACTIVATION_COST.get(activation);
    }

    private static String choice(Map<String, Object> params, String name, Map<String, Double> known) {
        Object value = params.get(name);
        if (!(value instanceof String s) || !known.containsKey(s)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be one of " + known.keySet() + ", got " + value);
        }
        return s;
    }

    @Override
    public String description() {
        return "mixed: (log10 learningRate - t(optimizer))^2 + 4 (dropout - 0.1 layers)^2 + 0.5 (layers - 3)^2 "
                + "+ 0.25 (log2 units - 7)^2 + c(optimizer) + a(activation); learningRate log-float [1e-5, 1], "
                + "dropout float [0, 0.8], layers int [1, 8], units log-int [8, 1024], optimizer {sgd, momentum, "
                + "adam, rmsprop} (t -1, -2, -3, -3; c 1.5, 0.8, 0, 0.3), activation {relu, tanh, sigmoid} "
                + "(a 0, 0.2, 1); minimum 0 at learningRate 1e-3, dropout 0.3, layers 3, units 128, adam, relu";
    }
}
