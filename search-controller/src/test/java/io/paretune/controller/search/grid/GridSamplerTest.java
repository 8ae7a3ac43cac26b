package io.paretune.controller.search.grid;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.Condition;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.SamplingRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class GridSamplerTest {

    private final GridSampler sampler = new GridSampler();
    private static final List<Objective> OBJECTIVES = List.of(new Objective("val_accuracy", Direction.MAXIMIZE));

    /** 3 activations x 4 batch sizes x 2 batch-norm settings x 1 fixed = 24 points. */
    static final SearchSpace SPACE = SearchSpace.of(Map.of(
            "activation", new ParameterSpec.Categorical(List.of("relu", "tanh", "gelu")),
            "batchSize", new ParameterSpec.IntRange(32, 128, false, 32),
            "batchNorm", new ParameterSpec.Categorical(List.of(true, false)),
            "hiddenLayers", new ParameterSpec.Fixed(2)));

    /** Trials one after the other, each finished before the next is asked for. */
    private List<Map<String, Object>> run(SearchSpace space, Map<String, Object> options, long seed, int n) {
        List<FrozenTrial> finished = new ArrayList<>();
        List<Map<String, Object>> proposed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> params = sampler.sample(new SamplingRequest(space, OBJECTIVES, List.of(), options, seed, i,
                    finished, List.of()));
            proposed.add(params);
            finished.add(new FrozenTrial(i, params, i % 5 == 3 ? TrialState.FAIL : TrialState.COMPLETE,
                    i % 5 == 3 ? List.of() : List.of(0.5)));
        }
        return proposed;
    }

    @Test
    void coversEveryCombinationExactlyOnceBeforeRepeating() {
        List<Map<String, Object>> trials = run(SPACE, Map.of(), 42, 60);
        Set<Map<String, Object>> firstPass = new HashSet<>(trials.subList(0, 24));
        assertThat(firstPass).hasSize(24);
        for (Map<String, Object> p : firstPass) {
            assertThat(p).containsEntry("hiddenLayers", 2L).containsOnlyKeys("activation", "batchSize", "batchNorm", "hiddenLayers");
            assertThat(p.get("batchSize")).isIn(32L, 64L, 96L, 128L);
        }
        assertThat(trials.subList(24, 48)).as("the second pass walks the same order again").isEqualTo(trials.subList(0, 24));
        assertThat(trials.subList(48, 60)).isEqualTo(trials.subList(0, 12));
        assertThat(GridSampler.size(SPACE, Map.of())).isEqualTo(24);
    }

    @Test
    void isReproducibleAndShuffledBySeed() {
        assertThat(run(SPACE, Map.of(), 7, 24)).isEqualTo(run(SPACE, Map.of(), 7, 24));
        assertThat(run(SPACE, Map.of(), 7, 24)).isNotEqualTo(run(SPACE, Map.of(), 8, 24));
        assertThat(new HashSet<>(run(SPACE, Map.of(), 8, 24))).isEqualTo(new HashSet<>(run(SPACE, Map.of(), 7, 24)));
    }

    @Test
    void pendingTrialsAreNotProposedAgain() {
        Map<String, Object> first = sampler.sample(new SamplingRequest(SPACE, OBJECTIVES, 3, 0, List.of(), List.of()));
        List<FrozenTrial> pending = List.of(new FrozenTrial(0, first, TrialState.RUNNING, List.of()));
        Map<String, Object> second = sampler.sample(new SamplingRequest(SPACE, OBJECTIVES, 3, 1, List.of(), pending));
        assertThat(second).isNotEqualTo(first);
        // Trial numbers do not matter, only which points are taken: with nothing taken, any trial gets the first point.
        assertThat(sampler.sample(new SamplingRequest(SPACE, OBJECTIVES, 3, 17, List.of(), List.of()))).isEqualTo(first);
    }

    @Test
    void floatRangesNeedListedValuesWhichMayAlsoNarrowOtherParameters() {
        SearchSpace space = SearchSpace.of(Map.of(
                "dropout", new ParameterSpec.FloatRange(0.0, 0.5, false),
                "learningRate", new ParameterSpec.FloatRange(1e-4, 1e-1, true),
                "units", new ParameterSpec.IntRange(16, 512, true, 1)));
        assertThat(sampler.checkSearchSpace(space, Map.of())).extracting(FieldError::field)
                .containsExactly("searchSpace.dropout", "searchSpace.learningRate");
        assertThat(sampler.checkSearchSpace(space, Map.of())).first().extracting(FieldError::message).asString()
                .contains("strategy.options.values.dropout");

        Map<String, Object> options = Map.of("values", Map.of("dropout", List.of(0, 0.25, 0.5),
                "learningRate", List.of(1e-3, 1e-2), "units", List.of(64, 256)));
        assertThat(sampler.checkOptions(options, 1)).isEmpty();
        assertThat(sampler.checkSearchSpace(space, options)).isEmpty();
        List<Map<String, Object>> trials = run(space, options, 1, 12);
        assertThat(new HashSet<>(trials)).hasSize(12);
        assertThat(trials).allSatisfy(p -> {
            assertThat(p.get("dropout")).isIn(0.0, 0.25, 0.5);
            assertThat(p.get("units")).isIn(64L, 256L);
        });
    }

    @Test
    void intRangesGridEveryStepAndLogIntsEveryInteger() {
        SearchSpace space = SearchSpace.of(Map.of("a", new ParameterSpec.IntRange(10, 50, false, 20),
                "b", new ParameterSpec.IntRange(1, 4, true, 1), "c", new ParameterSpec.FloatRange(0.1, 0.1, false)));
        List<Map<String, Object>> trials = run(space, Map.of(), 1, 12);
        Set<Object> a = new HashSet<>();
        Set<Object> b = new HashSet<>();
        trials.forEach(p -> {
            a.add(p.get("a"));
            b.add(p.get("b"));
            assertThat(p.get("c")).isEqualTo(0.1);
        });
        assertThat(a).containsExactlyInAnyOrder(10L, 30L, 50L);
        assertThat(b).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(new HashSet<>(trials)).hasSize(12);
    }

    @Test
    void conditionalParametersAppearOnlyWhereActiveAndNoCombinationRepeats() {
        SearchSpace space = SearchSpace.of(Map.of(
                "optimizer", new ParameterSpec.Categorical(List.of("sgd", "adam", "nesterovs")),
                "momentum", new ParameterSpec.Categorical(List.of(0.5, 0.9), new Condition("optimizer", List.of("nesterovs"), null, null)),
                "layers", new ParameterSpec.IntRange(1, 3, false, 1),
                "units2", new ParameterSpec.IntRange(32, 64, false, 32, new Condition("layers", null, 2.0, null))));
        // optimizer: sgd, adam, nesterovs x 2 momenta = 4; layers: 1, 2 x 2 units2, 3 x 2 units2 = 5; 4 x 5 = 20.
        assertThat(GridSampler.size(space, Map.of())).isEqualTo(20);
        List<Map<String, Object>> trials = run(space, Map.of(), 5, 20);
        assertThat(new HashSet<>(trials)).hasSize(20);
        for (Map<String, Object> p : trials) {
            assertThat(p.containsKey("momentum")).isEqualTo("nesterovs".equals(p.get("optimizer")));
            assertThat(p.containsKey("units2")).isEqualTo((Long) p.get("layers") >= 2);
        }
    }

    @Test
    void pointsOptionProposesExactlyTheListedPoints() {
        Map<String, Object> options = Map.of("points", List.of(
                Map.of("activation", "relu", "batchSize", 32, "batchNorm", true),
                Map.of("activation", "gelu", "batchSize", 128, "batchNorm", false, "hiddenLayers", 2),
                Map.of("activation", "tanh", "batchSize", 64.0, "batchNorm", true)));
        assertThat(sampler.checkOptions(options, 1)).isEmpty();
        assertThat(sampler.checkSearchSpace(SPACE, options)).isEmpty();
        List<Map<String, Object>> trials = run(SPACE, options, 9, 6);
        assertThat(new HashSet<>(trials.subList(0, 3))).containsExactlyInAnyOrder(
                Map.of("activation", "relu", "batchSize", 32L, "batchNorm", true, "hiddenLayers", 2L),
                Map.of("activation", "gelu", "batchSize", 128L, "batchNorm", false, "hiddenLayers", 2L),
                Map.of("activation", "tanh", "batchSize", 64L, "batchNorm", true, "hiddenLayers", 2L));
        assertThat(trials.subList(3, 6)).isEqualTo(trials.subList(0, 3));
    }

    @Test
    void badPointsAreNamedByIndexAndParameter() {
        SearchSpace space = SearchSpace.of(Map.of(
                "layers", new ParameterSpec.IntRange(1, 3, false, 1),
                "units2", new ParameterSpec.IntRange(32, 64, false, 32, new Condition("layers", null, 2.0, null)),
                "activation", new ParameterSpec.Categorical(List.of("relu", "tanh"))));
        Map<String, Object> options = Map.of("points", List.of(
                Map.of("layers", 2, "units2", 32, "activation", "relu"),
                Map.of("layers", 1, "units2", 32, "activation", "relu"),
                Map.of("layers", 4, "activation", "sigmoid"),
                Map.of("layers", 3, "activation", "tanh"),
                Map.of("layers", 2, "units2", 32, "activation", "relu", "colour", "red"),
                Map.of("layers", 2, "units2", 32.0, "activation", "relu")));
        assertThat(sampler.checkSearchSpace(space, options)).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("strategy.options.points[1].units2", "is not active in this point: its condition on 'layers' does not hold; leave it out"),
                tuple("strategy.options.points[2].activation", "'sigmoid' is not one of the choices [relu, tanh]"),
                tuple("strategy.options.points[2].layers", "4 is outside [1, 3]"),
                tuple("strategy.options.points[3].units2", "is missing; a point needs a value for every active parameter"),
                tuple("strategy.options.points[4].colour", "unknown parameter; the search space has [activation, layers, units2]"),
                tuple("strategy.options.points[5]", "repeats points[0]"));
        assertThatThrownBy(() -> sampler.sample(new SamplingRequest(space, OBJECTIVES, List.of(), options, 1, 0, List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategy.options.points[2].layers");
    }

    @Test
    void badValuesAreNamed() {
        SearchSpace space = SearchSpace.of(Map.of(
                "dropout", new ParameterSpec.FloatRange(0.0, 0.5, false),
                "batchSize", new ParameterSpec.IntRange(32, 128, false, 32)));
        Map<String, Object> values = new HashMap<>();
        values.put("dropout", List.of(0.1, 0.7, 0.1));
        values.put("batchSize", List.of(33, "big"));
        values.put("units", List.of(8));
        assertThat(sampler.checkSearchSpace(space, Map.of("values", values))).extracting(FieldError::field, FieldError::message)
                .containsExactlyInAnyOrder(
                        tuple("strategy.options.values.units", "unknown parameter; the search space has [batchSize, dropout]"),
                        tuple("strategy.options.values.batchSize[0]", "33 is not on the range's steps (32, 64, ... by 32)"),
                        tuple("strategy.options.values.batchSize[1]", "must be an integer, not 'big'"),
                        tuple("strategy.options.values.dropout[1]", "0.7 is outside [0.0, 0.5]"),
                        tuple("strategy.options.values.dropout[2]", "repeats dropout[0]"));
    }

    @Test
    void malformedOptionsAreNamed() {
        assertThat(sampler.checkOptions(Map.of("nStartupTrials", 3L), 1)).extracting(FieldError::field)
                .containsExactly("strategy.options.nStartupTrials");
        assertThat(sampler.checkOptions(Map.of("values", List.of(1, 2)), 1)).extracting(FieldError::field)
                .containsExactly("strategy.options.values");
        assertThat(sampler.checkOptions(Map.of("values", Map.of("units", List.of())), 1)).extracting(FieldError::field)
                .containsExactly("strategy.options.values.units");
        assertThat(sampler.checkOptions(Map.of("values", Map.of("units", List.of(8, List.of(9)))), 1)).extracting(FieldError::field)
                .containsExactly("strategy.options.values.units[1]");
        assertThat(sampler.checkOptions(Map.of("points", List.of(Map.of("units", 8), 3)), 1)).extracting(FieldError::field)
                .containsExactly("strategy.options.points[1]");
        assertThat(sampler.checkOptions(Map.of("points", List.of()), 1)).extracting(FieldError::field)
                .containsExactly("strategy.options.points");
        assertThat(sampler.checkOptions(Map.of("points", List.of(Map.of("units", 8)), "values", Map.of("units", List.of(8))), 1))
                .extracting(FieldError::field).containsExactly("strategy.options.points");
    }

    @Test
    void aGridTooLargeToWalkIsRefused() {
        SearchSpace space = SearchSpace.of(Map.of("a", new ParameterSpec.IntRange(1, 1000, false, 1),
                "b", new ParameterSpec.IntRange(1, 1000, false, 1), "c", new ParameterSpec.IntRange(1, 10_000_000, false, 1)));
        assertThat(sampler.checkSearchSpace(space, Map.of())).extracting(FieldError::field).containsExactly("searchSpace.c");
        assertThat(sampler.checkSearchSpace(space, Map.of("values", Map.of("c", List.of(1, 2)))))
                .extracting(FieldError::field).containsExactly("searchSpace");
        assertThat(sampler.checkSearchSpace(space, Map.of("values", Map.of("a", List.of(1, 2), "c", List.of(1, 2)))))
                .isEmpty();
    }
}
