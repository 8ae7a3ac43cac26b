package io.paretune.bench.search.functions.mixed;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.List;
import java.util.Map;

import static io.paretune.bench.search.functions.mixed.MixedSpaces.whenIn;

/**
 * A model-selection objective: a model family, each with hyperparameters of its own types, one of them conditional
 * on another conditional parameter (our own design):
 * <pre>
 *   f = h(family) + 1.5 (featureFraction - φ(family))²       featureFraction: float [0.1, 1]
 *   linear: h = 0.6 + 0.3 (log10 regularization - 0.5)² + p   φ = 1.0
 *           regularization: float, log, [1e-4, 1e4]; penalty: l2 | l1 | elasticnet, p = 0.15 | 0.1 | 0.5 (l1Ratio - 0.3)²
 *           l1Ratio: float [0, 1], only for penalty elasticnet
 *   knn:    h = 0.4 + 0.1 (log2 neighbors - 4)² + (weighting uniform ? 0.1 : 0)     φ = 0.8
 *           neighbors: int, log, [1, 128]; weighting: uniform | distance
 *   tree:   h = 0.02 (maxDepth - 6)² + (log10(learningRate · trees) - 1)² + 0.05 (log2(trees / 400))²   φ = 0.6
 *           maxDepth: int [2, 16]; trees: int [50, 1000] step 50; learningRate: float, log, [1e-3, 1]
 * </pre>
 * Minimum 0, only at tree, maxDepth 6, trees 400, learningRate 0.025, featureFraction 0.6; the other families are
 * local minima (knn 0.4, linear 0.6). The boosting trade-off: fewer trees want a larger learning rate.
 */
public final class MixedFamily extends KnownMinimumSpace {

    static final List<Object> FAMILIES = List.of("linear", "knn", "tree");
    static final List<Object> PENALTIES = List.of("l2", "l1", "elasticnet");
    static final List<Object> WEIGHTINGS = List.of("uniform", "distance");

    private static final SearchSpace SPACE = SearchSpace.of(Map.of(
            "family", new ParameterSpec.Categorical(FAMILIES),
            "featureFraction", new ParameterSpec.FloatRange(0.1, 1, false),
            "regularization", new ParameterSpec.FloatRange(1e-4, 1e4, true, whenIn("family", "linear")),
            "penalty", new ParameterSpec.Categorical(PENALTIES, whenIn("family", "linear")),
            "l1Ratio", new ParameterSpec.FloatRange(0, 1, false, whenIn("penalty", "elasticnet")),
            "neighbors", new ParameterSpec.IntRange(1, 128, true, 1, whenIn("family", "knn")),
            "weighting", new ParameterSpec.Categorical(WEIGHTINGS, whenIn("family", "knn")),
            "maxDepth", new ParameterSpec.IntRange(2, 16, false, 1, whenIn("family", "tree")),
            "trees", new ParameterSpec.IntRange(50, 1000, false, 50, whenIn("family", "tree")),
            "learningRate", new ParameterSpec.FloatRange(1e-3, 1, true, whenIn("family", "tree"))));

    MixedFamily() {
        super("mixed-family", SPACE, Map.of("family", "tree", "featureFraction", 0.6, "maxDepth", 6L, "trees", 400L,
                "learningRate", 0.025));
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        String family = MixedSpaces.choice(params, "family", FAMILIES);
        double h;
        double bestFraction;
        switch (family) {
            case "linear" -> {
                double c = Math.log10(TestFunction.number(params, "regularization")) - 0.5;
                String penalty = MixedSpaces.choice(params, "penalty", PENALTIES);
                double p;
                if (penalty.equals("elasticnet")) {
                    double r = TestFunction.number(params, "l1Ratio") - 0.3;
                    p = 0.5 * r * r;
                } else {
                    p = penalty.equals("l2") ? 0.15 : 0.1;
                }
                h = 0.6 + 0.3 * c * c + p;
                bestFraction = 1.0;
            }
            case "knn" -> {
                double k = MixedSpaces.log2(TestFunction.number(params, "neighbors")) - 4;
                boolean uniform = MixedSpaces.choice(params, "weighting", WEIGHTINGS).equals("uniform");
                h = 0.4 + 0.1 * k * k + (uniform ? 0.1 : 0);
                bestFraction = 0.8;
            }
            default -> {
                double depth = TestFunction.number(params, "maxDepth") - 6;
                double trees = TestFunction.number(params, "trees");
                double rate = Math.log10(TestFunction.number(params, "learningRate") * trees) - 1;
                double size = MixedSpaces.log2(trees / 400);
                h = 0.02 * depth * depth + rate * rate + 0.05 * size * size;
                bestFraction = 0.6;
            }
        }
        double fraction = TestFunction.number(params, "featureFraction") - bestFraction;
        return h + 1.5 * fraction * fraction;
    }

    @Override
    public String description() {
        return "mixed-family: h(family) + 1.5 (featureFraction - phi)^2; linear: 0.6 + 0.3 (log10 regularization "
                + "- 0.5)^2 + p, p = 0.15 (l2), 0.1 (l1), 0.5 (l1Ratio - 0.3)^2 (elasticnet), phi = 1; knn: 0.4 "
                + "+ 0.1 (log2 neighbors - 4)^2 + 0.1 if uniform, phi = 0.8; tree: 0.02 (maxDepth - 6)^2 "
                + "+ (log10(learningRate trees) - 1)^2 + 0.05 log2(trees / 400)^2, phi = 0.6; family {linear, knn, "
                + "tree}, featureFraction float [0.1, 1], regularization log-float [1e-4, 1e4] and penalty {l2, l1, "
                + "elasticnet} (linear), l1Ratio float [0, 1] (elasticnet), neighbors log-int [1, 128] and weighting "
                + "{uniform, distance} (knn), maxDepth int [2, 16], trees int [50, 1000] step 50 and learningRate "
                + "log-float [1e-3, 1] (tree); minimum 0 at tree, maxDepth 6, trees 400, learningRate 0.025, "
                + "featureFraction 0.6";
    }
}
