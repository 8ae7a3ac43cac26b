package io.paretune.bench.search.functions.mixed;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.List;
import java.util.Map;

import static io.paretune.bench.search.functions.mixed.MixedSpaces.whenIn;

/**
 * A fine-tuning objective over a categorical with many choices, each with its own best learning rate and weight
 * decay, and stepped integers (our own design):
 * <pre>
 *   f = c(model) + (log10(learningRate / r(model)) - 0.15 b)² + 0.2 log10(weightDecay / w(model))² + 0.05 b²
 *     + 0.3 ((epochs - 120) / 50)² + 5 (labelSmoothing - 0.1)² + 0.1 |log2(patchSize / q(model))|
 *   b = log2(batchSize / 256)
 *   model:  resnet18 resnet50 vgg16 densenet121 mobilenet efficientnet regnet convnext vit   swin
 *   c:      0.9      0.35     1.2   0.5         0.8       0.15         0.4    0        0.1   0.05
 *   r:      0.1      0.1      0.01  0.05        0.03      0.01         0.06   4e-4     5e-4  1e-3
 *   w:      1e-4     1e-4     5e-4  1e-4        4e-5      1e-5         5e-5   0.05     0.03  0.05
 *   q:                                                                               16    8
 *   learningRate: float, log, [1e-5, 1]    weightDecay: float, log, [1e-6, 1e-1]    batchSize: int [32, 512] step 32
 *   epochs: int [10, 200] step 10          labelSmoothing: float [0, 0.3]
 *   patchSize: 8 | 16 | 32, only for vit and swin (the last term only then)
 * </pre>
 * Minimum 0, only at convnext, learningRate 4e-4, weightDecay 0.05, batchSize 256, epochs 120, labelSmoothing 0.1;
 * every other model is a local minimum of its own, with learning rates and weight decays two decades apart.
 */
public final class MixedMany extends KnownMinimumSpace {

    static final List<Object> MODELS = List.of("resnet18", "resnet50", "vgg16", "densenet121", "mobilenet",
            "efficientnet", "regnet", "convnext", "vit", "swin");
    private static final double[] COST = {0.9, 0.35, 1.2, 0.5, 0.8, 0.15, 0.4, 0, 0.1, 0.05};
    private static final double[] BEST_RATE = {0.1, 0.1, 0.01, 0.05, 0.03, 0.01, 0.06, 4e-4, 5e-4, 1e-3};
    private static final double[] BEST_DECAY = {1e-4, 1e-4, 5e-4, 1e-4, 4e-5, 1e-5, 5e-5, 0.05, 0.03, 0.05};
    private static final Map<String, Double> BEST_PATCH = Map.of("vit", 16.0, "swin", 8.0);

    private static final SearchSpace SPACE = SearchSpace.of(Map.of(
            "model", new ParameterSpec.Categorical(MODELS),
            "learningRate", new ParameterSpec.FloatRange(1e-5, 1, true),
            "weightDecay", new ParameterSpec.FloatRange(1e-6, 1e-1, true),
            "batchSize", new ParameterSpec.IntRange(32, 512, false, 32),
            "epochs", new ParameterSpec.IntRange(10, 200, false, 10),
            "labelSmoothing", new ParameterSpec.FloatRange(0, 0.3, false),
            "patchSize", new ParameterSpec.Categorical(List.of(8, 16, 32), whenIn("model", "vit", "swin"))));

    MixedMany() {
        super("mixed-many", SPACE, Map.of("model", "convnext", "learningRate", 4e-4, "weightDecay", 0.05, "batchSize", 256L,
                "epochs", 120L, "labelSmoothing", 0.1));
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        String model = MixedSpaces.choice(params, "model", MODELS);
        int m = MODELS.indexOf(model);
        double b = MixedSpaces.log2(TestFunction.number(params, "batchSize") / 256);
        double rate = Math.log10(TestFunction.number(params, "learningRate") / BEST_RATE[m]) - 0.15 * b;
        double decay = Math.log10(TestFunction.number(params, "weightDecay") / BEST_DECAY[m]);
        double epochs = (TestFunction.number(params, "epochs") - 120) / 50;
        double smoothing = TestFunction.number(params, "labelSmoothing") - 0.1;
        double patch = 0;
        if (BEST_PATCH.containsKey(model)) {
            patch = 0.1 * Math.abs(MixedSpaces.log2(TestFunction.number(params, "patchSize") / BEST_PATCH.get(model)));
        }
        return COST[m] + rate * rate + 0.2 * decay * decay + 0.05 * b * b + 0.3 * epochs * epochs
                + 5 * smoothing * smoothing + patch;
    }

    @Override
    public String description() {
        return "mixed-many: c(model) + (log10(learningRate / r(model)) - 0.15 b)^2 + 0.2 log10(weightDecay / "
                + "w(model))^2 + 0.05 b^2 + 0.3 ((epochs - 120) / 50)^2 + 5 (labelSmoothing - 0.1)^2 + 0.1 "
                + "|log2(patchSize / q(model))|, b = log2(batchSize / 256); model {resnet18, resnet50, vgg16, "
                + "densenet121, mobilenet, efficientnet, regnet, convnext, vit, swin} (c 0.9, 0.35, 1.2, 0.5, 0.8, "
                + "0.15, 0.4, 0, 0.1, 0.05; r 0.1, 0.1, 0.01, 0.05, 0.03, 0.01, 0.06, 4e-4, 5e-4, 1e-3; w 1e-4, "
                + "1e-4, 5e-4, 1e-4, 4e-5, 1e-5, 5e-5, 0.05, 0.03, 0.05), learningRate log-float [1e-5, 1], "
                + "weightDecay log-float [1e-6, 1e-1], batchSize int [32, 512] step 32, epochs int [10, 200] step 10, "
                + "labelSmoothing float [0, 0.3], patchSize {8, 16, 32} (vit q 16, swin q 8); minimum 0 at convnext, "
                + "learningRate 4e-4, weightDecay 0.05, batchSize 256, epochs 120, labelSmoothing 0.1";
    }
}
