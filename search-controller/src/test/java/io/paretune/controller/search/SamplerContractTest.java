package io.paretune.controller.search;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.grid.GridSampler;
import io.paretune.controller.search.nsga2.Nsga2Sampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every sampler must do, whatever its algorithm (Optuna's parametrized sampler tests). */
class SamplerContractTest {

    /** Every sampler a campaign may select: the contract holds for each one the registry lists. */
    static List<Sampler> samplers() {
        return List.copyOf(new SamplerRegistry().all());
    }

    /**
     * The options a sampler needs to work on {@link #SPACE}: a grid has to be told values for the float ranges (and
     * here fewer units, 1,296 points in all); NSGA-II gets a small population so that 20 trials breed.
     */
    static Map<String, Object> options(Sampler sampler) {
        return switch (sampler.name()) {
            case GridSampler.NAME -> Map.of("values", Map.of("learningRate", List.of(1e-4, 1e-3, 1e-2),
                    "dropout", List.of(0.0, 0.25, 0.5), "units", List.of(16, 64, 256)));
            case Nsga2Sampler.NAME -> Map.of("populationSize", 5L);
            default -> Map.of();
        };
    }

    static final SearchSpace SPACE = SearchSpace.of(Map.of(
            "learningRate", new ParameterSpec.FloatRange(1e-5, 1e-1, true),
            "dropout", new ParameterSpec.FloatRange(0.0, 0.5, false),
            "units", new ParameterSpec.IntRange(16, 512, true, 1),
            "batchSize", new ParameterSpec.IntRange(32, 256, false, 32),
            "activation", new ParameterSpec.Categorical(List.of("relu", "tanh", "gelu")),
            "batchNorm", new ParameterSpec.Categorical(List.of(true, false)),
            "hiddenLayers", new ParameterSpec.Fixed(2)));
    static final List<Objective> OBJECTIVES = List.of(new Objective("val_accuracy", Direction.MAXIMIZE));
    /** For samplers that refuse a single objective (multi-objective ones). */
    static final List<Objective> TWO_OBJECTIVES = List.of(new Objective("val_accuracy", Direction.MAXIMIZE),
            new Objective("latency_ms", Direction.MINIMIZE));

    /** The objectives a sampler is run with here: one, unless it works on several only. */
    static List<Objective> objectives(Sampler sampler) {
        return sampler.checkOptions(Map.of(), 1).isEmpty() ? OBJECTIVES : TWO_OBJECTIVES;
    }

    static List<Map<String, Object>> run(Sampler sampler, long seed, int n) {
        List<Objective> objectives = objectives(sampler);
        boolean single = objectives.size() == 1;
        List<FrozenTrial> finished = new ArrayList<>();
        List<Map<String, Object>> proposed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> params = sampler.sample(new SamplingRequest(SPACE, objectives, List.of(), options(sampler),
                    seed, i, finished, List.of()));
            proposed.add(params);
            List<Double> values = single ? List.of(0.5 + i / 100.0) : List.of(0.5 + i / 100.0, 10.0 + (i * 7 % 13));
            finished.add(new FrozenTrial(i, params, TrialState.COMPLETE, values));
        }
        return proposed;
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void acceptsTheOptionsItIsGivenHere(Sampler sampler) {
        assertThat(sampler.checkOptions(options(sampler), objectives(sampler).size())).isEmpty();
        assertThat(sampler.checkSearchSpace(SPACE, options(sampler))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void sameSeedProposesTheSameTrials(Sampler sampler) {
        assertThat(run(sampler, 42, 20)).isEqualTo(run(sampler, 42, 20));
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void differentSeedsProposeDifferentTrials(Sampler sampler) {
        assertThat(run(sampler, 42, 10)).isNotEqualTo(run(sampler, 43, 10));
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void proposesEveryParameterWithinItsSpaceAndType(Sampler sampler) {
        for (Map<String, Object> params : run(sampler, 7, 200)) {
            assertThat(params.keySet()).isEqualTo(SPACE.parameters().keySet());
            assertThat((Double) params.get("learningRate")).isBetween(1e-5, 1e-1);
            assertThat((Double) params.get("dropout")).isBetween(0.0, 0.5);
            assertThat((Long) params.get("units")).isBetween(16L, 512L);
            assertThat((Long) params.get("batchSize")).isBetween(32L, 256L);
            assertThat(((Long) params.get("batchSize") - 32) % 32).isZero();
            assertThat(params.get("activation")).isIn("relu", "tanh", "gelu");
            assertThat(params.get("batchNorm")).isIn(true, false);
            assertThat(params.get("hiddenLayers")).isEqualTo(2L);
        }
    }
}
