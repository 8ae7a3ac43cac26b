package io.paretune.bench.search.functions.mixed;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.List;
import java.util.Map;

import static io.paretune.bench.search.functions.mixed.MixedSpaces.whenIn;

/**
 * A training run's validation loss over an optimizer choice whose hyperparameters exist only for some optimizers
 * (our own design, after how optimizers behave):
 * <pre>
 *   f = (log10 learningRate - t - 0.15 b)² + 0.1 b² + 0.25 (log10 weightDecay + 4)² + g(optimizer)
 *   b = log2(batchSize / 64)                  batchSize: int [16, 256] step 16; the best learning rate grows
 *                                             with the batch (square-root scaling)
 *   learningRate: float, log, [1e-5, 1]       weightDecay: float, log, [1e-7, 1e-2]
 *   sgd:     t = -1 + log10(1 - momentum)     g = 0.3 + 4 (momentum - 0.9)² + (nesterov ? 0 : 0.1)
 *   rmsprop: t = -3.3                         g = 0.5 + 2 momentum²
 *   adam:    t = -3                           g = 0.5 log10((1 - beta2) / 0.005)²
 *   adagrad: t = -1.5                         g = 0.8
 *   momentum: float [0, 0.99], only for sgd and rmsprop; nesterov: false | true, only for sgd;
 *   beta2: float [0.9, 0.9999], only for adam
 * </pre>
 * Minimum 0, only at adam, learningRate 1e-3, batchSize 64, weightDecay 1e-4, beta2 0.995. Each optimizer is a local
 * minimum of its own (sgd 0.3 at momentum 0.9 with nesterov and learningRate 1e-2, rmsprop 0.5, adagrad 0.8), and
 * sgd's best learning rate depends on its momentum: the effective step size learningRate / (1 - momentum) is what counts.
 */
public final class MixedOptimizer extends KnownMinimumSpace {

    static final List<Object> OPTIMIZERS = List.of("sgd", "rmsprop", "adam", "adagrad");

    private static final SearchSpace SPACE = SearchSpace.of(Map.of(
            "optimizer", new ParameterSpec.Categorical(OPTIMIZERS),
            "learningRate", new ParameterSpec.FloatRange(1e-5, 1, true),
            "batchSize", new ParameterSpec.IntRange(16, 256, false, 16),
            "weightDecay", new ParameterSpec.FloatRange(1e-7, 1e-2, true),
            "momentum", new ParameterSpec.FloatRange(0, 0.99, false, whenIn("optimizer", "sgd", "rmsprop")),
            "nesterov", new ParameterSpec.Categorical(List.of(false, true), whenIn("optimizer", "sgd")),
            "beta2", new ParameterSpec.FloatRange(0.9, 0.9999, false, whenIn("optimizer", "adam"))));

    MixedOptimizer() {
        super("mixed-optimizer", SPACE, Map.of("optimizer", "adam", "learningRate", 1e-3, "batchSize", 64L,
                "weightDecay", 1e-4, "beta2", 0.995));
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        String optimizer = MixedSpaces.choice(params, "optimizer", OPTIMIZERS);
        double bestLog10Rate;
        double g;
        switch (optimizer) {
            case "sgd" -> {
                double momentum = TestFunction.number(params, "momentum");
                bestLog10Rate = -1 + Math.log10(1 - momentum);
                g = 0.3 + 4 * (momentum - 0.9) * (momentum - 0.9) + (MixedSpaces.flag(params, "nesterov") ? 0 : 0.1);
            }
            case "rmsprop" -> {
                double momentum = TestFunction.number(params, "momentum");
                bestLog10Rate = -3.3;
                g = 0.5 + 2 * momentum * momentum;
            }
            case "adam" -> {
                double beta2 = TestFunction.number(params, "beta2");
                bestLog10Rate = -3;
                double memory = Math.log10((1 - beta2) / 0.005);
                g = 0.5 * memory * memory;
            }
            default -> {
                bestLog10Rate = -1.5;
                g = 0.8;
            }
        }
        double b = MixedSpaces.log2(TestFunction.number(params, "batchSize") / 64);
        double rate = Math.log10(TestFunction.number(params, "learningRate")) - bestLog10Rate - 0.15 * b;
        double decay = Math.log10(TestFunction.number(params, "weightDecay")) + 4;
        return rate * rate + 0.1 * b * b + 0.25 * decay * decay + g;
    }

    @Override
    public String description() {
        return "mixed-optimizer: (log10 learningRate - t - 0.15 b)^2 + 0.1 b^2 + 0.25 (log10 weightDecay + 4)^2 + g, "
                + "b = log2(batchSize / 64); sgd: t = -1 + log10(1 - momentum), g = 0.3 + 4 (momentum - 0.9)^2 "
                + "+ 0.1 without nesterov; rmsprop: t = -3.3, g = 0.5 + 2 momentum^2; adam: t = -3, "
                + "g = 0.5 log10((1 - beta2) / 0.005)^2; adagrad: t = -1.5, g = 0.8; optimizer {sgd, rmsprop, adam, "
                + "adagrad}, learningRate log-float [1e-5, 1], batchSize int [16, 256] step 16, weightDecay log-float "
                + "[1e-7, 1e-2], momentum float [0, 0.99] (sgd, rmsprop), nesterov {false, true} (sgd), beta2 float "
                + "[0.9, 0.9999] (adam); minimum 0 at adam, learningRate 1e-3, batchSize 64, weightDecay 1e-4, beta2 0.995";
    }
}
