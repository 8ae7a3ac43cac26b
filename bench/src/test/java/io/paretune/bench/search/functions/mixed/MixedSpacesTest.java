package io.paretune.bench.search.functions.mixed;

import io.paretune.bench.search.functions.TestFunctions;
import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.controller.search.RandomSampler;
import io.paretune.controller.search.SamplingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The mixed spaces' conditional parameters: absent where inactive, ignored by the function when given anyway. */
class MixedSpacesTest {

    private static final List<Objective> MINIMIZE = List.of(new Objective("value", Direction.MINIMIZE));

    static List<String> names() {
        return List.copyOf(MixedSpaces.all().keySet());
    }

    private static List<Map<String, Object>> randomPoints(TestFunction f, int count) {
        RandomSampler random = new RandomSampler();
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(n -> random.sample(new SamplingRequest(f.space(), MINIMIZE, 11, n, List.of(), List.of())))
                .toList();
    }

    /**
     * {@code point} made whole as a sampler would make it: its values where the parameter is active, {@code fill}'s
     * for active parameters it lacks, and no inactive parameter.
     */
    private static Map<String, Object> complete(SearchSpace space, Map<String, Object> point,
                                                Function<ParameterSpec, Object> fill) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : space.samplingOrder()) {
            if (space.isActive(name, out)) {
                out.put(name, point.containsKey(name) ? point.get(name) : fill.apply(space.parameters().get(name)));
            }
        }
        return out;
    }

    private static Object low(ParameterSpec spec) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            return r.low();
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            return r.low();
        }
        return ((ParameterSpec.Categorical) spec).choices().get(0);
    }

    private static Object high(ParameterSpec spec) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            return r.high();
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            return r.low() + (r.size() - 1) * r.step();
        }
        List<Object> choices = ((ParameterSpec.Categorical) spec).choices();
        return choices.get(choices.size() - 1);
    }

    @Test
    void spacesUseEveryKindOfParameter() {
        Set<String> kinds = new HashSet<>();
        for (String name : names()) {
            TestFunction f = TestFunctions.byName(name);
            assertThat(f.space().isConditional()).as(name).isTrue();
            assertThat(f.space().conditionProblem()).as(name).isEmpty();
            f.space().parameters().values().forEach(spec -> {
                if (spec instanceof ParameterSpec.FloatRange r) {
                    kinds.add(r.log() ? "log float" : "float");
                } else if (spec instanceof ParameterSpec.IntRange r) {
                    kinds.add(r.log() ? "log int" : r.step() > 1 ? "stepped int" : "int");
                } else if (spec instanceof ParameterSpec.Categorical c) {
                    kinds.add(c.choices().size() >= 8 ? "many choices" : "categorical");
                }
                if (spec.when() != null) {
                    kinds.add(spec.when().in() != null ? "conditional on choice" : "conditional on number");
                }
            });
        }
        assertThat(kinds).contains("log float", "float", "log int", "stepped int", "int", "many choices",
                "categorical", "conditional on choice", "conditional on number");
        assertThat(TestFunctions.names()).containsSubsequence(names());
    }

    @ParameterizedTest
    @MethodSource("names")
    void argminHoldsExactlyItsActiveParameters(String name) {
        TestFunction f = TestFunctions.byName(name);
        Map<String, Object> argmin = f.argmin();
        assertThat(complete(f.space(), argmin, spec -> {
            throw new AssertionError("the argmin lacks an active parameter");
        })).isEqualTo(argmin);
        long inactive = f.space().parameters().keySet().stream().filter(p -> !argmin.containsKey(p)).count();
        assertThat(inactive).as("conditional parameters inactive at the argmin").isPositive();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyConditionalParameterIsSometimesAbsent(String name) {
        TestFunction f = TestFunctions.byName(name);
        List<Map<String, Object>> points = randomPoints(f, 400);
        f.space().parameters().forEach((p, spec) -> {
            long present = points.stream().filter(point -> point.containsKey(p)).count();
            if (spec.when() == null) {
                assertThat(present).as(p).isEqualTo(points.size());
            } else {
                assertThat(present).as(p).isPositive().isLessThan(points.size());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("names")
    void inactiveParametersAreIgnored(String name) {
        TestFunction f = TestFunctions.byName(name);
        for (Map<String, Object> point : randomPoints(f, 300)) {
            double value = f.evaluate(point); // fails on reading an absent parameter
            for (Function<ParameterSpec, Object> junk : List.<Function<ParameterSpec, Object>>of(
                    MixedSpacesTest::low, MixedSpacesTest::high)) {
                Map<String, Object> padded = new HashMap<>(point);
                f.space().parameters().forEach((p, spec) -> padded.putIfAbsent(p, junk.apply(spec)));
                assertThat(f.evaluate(padded)).as("%s with inactive parameters added", point).isEqualTo(value);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyActiveParameterMovedAwayFromTheArgminCosts(String name) {
        TestFunction f = TestFunctions.byName(name);
        Map<String, Object> argmin = f.argmin();
        for (String p : argmin.keySet()) {
            ParameterSpec spec = f.space().parameters().get(p);
            for (Object other : List.of(low(spec), high(spec))) {
                if (other.equals(argmin.get(p))) {
                    continue;
                }
                Map<String, Object> moved = new HashMap<>(argmin);
                moved.put(p, other);
                // Parameters that a moved choice activates take their middle-of-the-range value.
                Map<String, Object> point = complete(f.space(), moved, s -> high(s) instanceof Double h
                        ? ((Double) low(s) + h) / 2 : high(s));
                assertThat(f.evaluate(point)).as(p + " = " + other).isGreaterThan(f.optimum() + 0.01);
            }
        }
    }

    @Test
    void optimizerSpecificParametersExistOnlyForTheirOptimizers() {
        MixedOptimizer f = new MixedOptimizer();
        SearchSpace space = f.space();
        assertThat(space.isActive("momentum", Map.of("optimizer", "rmsprop"))).isTrue();
        assertThat(space.isActive("momentum", Map.of("optimizer", "adam"))).isFalse();
        assertThat(space.isActive("nesterov", Map.of("optimizer", "sgd"))).isTrue();
        assertThat(space.isActive("beta2", Map.of("optimizer", "sgd"))).isFalse();
        // sgd's own minimum: the effective step learningRate / (1 - momentum) = 0.1.
        Map<String, Object> sgd = Map.of("optimizer", "sgd", "learningRate", 1e-2, "batchSize", 64L,
                "weightDecay", 1e-4, "momentum", 0.9, "nesterov", true);
        assertThat(f.evaluate(sgd)).isCloseTo(0.3, within(1e-12));
        Map<String, Object> noMomentum = new HashMap<>(sgd);
        noMomentum.remove("momentum");
        assertThatThrownBy(() -> f.evaluate(noMomentum)).hasMessageContaining("momentum");
    }

    @Test
    void elasticNetsRatioDependsOnAConditionalParameter() {
        MixedFamily f = new MixedFamily();
        SearchSpace space = f.space();
        assertThat(space.samplingOrder()).containsSubsequence("family", "penalty", "l1Ratio");
        Map<String, Object> linear = new HashMap<>(Map.of("family", "linear", "featureFraction", 1.0,
                "regularization", Math.pow(10, 0.5), "penalty", "elasticnet"));
        assertThat(space.isActive("l1Ratio", linear)).isTrue();
        assertThat(space.isActive("l1Ratio", Map.of("family", "tree"))).isFalse();
        linear.put("l1Ratio", 0.3);
        assertThat(f.evaluate(linear)).isCloseTo(0.6, within(1e-12));
        // Fewer trees want a larger learning rate: 100 trees at 0.1 miss only on the number of trees.
        Map<String, Object> fewTrees = Map.of("family", "tree", "featureFraction", 0.6, "maxDepth", 6L,
                "trees", 100L, "learningRate", 0.1);
        assertThat(f.evaluate(fewTrees)).isCloseTo(0.05 * 4, within(1e-12));
    }

    @Test
    void layerWidthsExistUpToTheNumberOfLayers() {
        MixedDepth f = new MixedDepth();
        SearchSpace space = f.space();
        assertThat(space.isActive("units3", Map.of("layers", 3L))).isTrue();
        assertThat(space.isActive("units3", Map.of("layers", 2L))).isFalse();
        assertThat(space.isActive("units4", Map.of("layers", 3L))).isFalse();
        assertThat(space.isActive("units1", Map.of())).isTrue();
        // Two layers at their own best: only the depth's cost remains.
        Map<String, Object> two = Map.of("layers", 2L, "units1", 256L, "units2", 128L, "dropout", 0.1,
                "learningRate", Math.pow(10, -2.75), "activation", "relu");
        assertThat(f.evaluate(two)).isCloseTo(0.35, within(1e-12));
    }

    @Test
    void everyModelHasItsOwnMinimum() {
        MixedMany f = new MixedMany();
        assertThat(MixedMany.MODELS).hasSize(10);
        assertThat(f.space().isActive("patchSize", Map.of("model", "vit"))).isTrue();
        assertThat(f.space().isActive("patchSize", Map.of("model", "convnext"))).isFalse();
        Map<String, Object> vit = new HashMap<>(f.argmin());
        vit.putAll(Map.of("model", "vit", "learningRate", 5e-4, "weightDecay", 0.03, "patchSize", 16L));
        assertThat(f.evaluate(vit)).isCloseTo(0.1, within(1e-12));
        vit.put("patchSize", 32L);
        assertThat(f.evaluate(vit)).isCloseTo(0.2, within(1e-12));
    }
}
