package io.paretune.controller.search.nsga2;

import io.paretune.contract.campaign.Constraint;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.Condition;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.ParetoFront;
import io.paretune.controller.search.RandomSampler;
import io.paretune.controller.search.SamplingRequest;
import io.paretune.controller.search.SpaceValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Nsga2SamplerTest {

    private final Nsga2Sampler sampler = new Nsga2Sampler();

    /** Every kind of parameter, one of them conditional. */
    static final SearchSpace MIXED = SearchSpace.of(Map.of(
            "learningRate", new ParameterSpec.FloatRange(1e-5, 1e-1, true),
            "dropout", new ParameterSpec.FloatRange(0.0, 0.5, false),
            "units", new ParameterSpec.IntRange(16, 512, true, 1),
            "batchSize", new ParameterSpec.IntRange(32, 250, false, 32),
            "layers", new ParameterSpec.IntRange(1, 3, false, 1),
            "units2", new ParameterSpec.IntRange(8, 64, false, 8, new Condition("layers", null, 2.0, null)),
            "activation", new ParameterSpec.Categorical(List.of("relu", "tanh", "gelu")),
            "hiddenLayers", new ParameterSpec.Fixed(2)));

    /** Runs trials one after the other on a single objective computed from the parameters. */
    private List<FrozenTrial> run(SearchSpace space, Map<String, Object> options, long seed, int trials,
                                  Function<Map<String, Object>, Double> objective, List<Objective> objectives) {
        List<FrozenTrial> finished = new ArrayList<>();
        for (int n = 0; n < trials; n++) {
            Map<String, Object> params = sampler.sample(new SamplingRequest(space, objectives, List.of(), options, seed, n,
                    finished, List.of()));
            finished.add(new FrozenTrial(n, params, TrialState.COMPLETE, List.of(objective.apply(params))));
        }
        return finished;
    }

    private static double mixedObjective(Map<String, Object> p) {
        double lr = Math.log10((Double) p.get("learningRate"));
        return Math.pow(lr + 3, 2) + (Double) p.get("dropout") + Math.abs((Long) p.get("units") - 128) / 100.0
                + ("tanh".equals(p.get("activation")) ? 0 : 0.5) + (Long) p.getOrDefault("units2", 0L) / 64.0;
    }

    private static final List<Objective> MINIMIZE = List.of(new Objective("loss", Direction.MINIMIZE));

    @Test
    void sameSeedProposesTheSameTrials() {
        Map<String, Object> options = Map.of("populationSize", 10L);
        List<FrozenTrial> a = Zdt1.run(sampler, options, List.of(), 4, 11, 60);
        List<FrozenTrial> b = Zdt1.run(sampler, options, List.of(), 4, 11, 60);
        assertThat(a).isEqualTo(b);
        assertThat(Zdt1.run(sampler, options, List.of(), 4, 12, 60)).isNotEqualTo(a);
    }

    @Test
    void firstGenerationIsTheRandomSamplersTrials() {
        List<FrozenTrial> nsga = Zdt1.run(sampler, Map.of("populationSize", 10L), List.of(), 4, 5, 10);
        List<FrozenTrial> random = Zdt1.run(new RandomSampler(), Map.of(), List.of(), 4, 5, 10);
        assertThat(nsga).isEqualTo(random);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uniform", "sbx", "blxalpha"})
    void offspringStayWithinTheSpaceAndHoldExactlyTheActiveParameters(String crossover) {
        Map<String, Object> options = Map.of("populationSize", 10L, "crossover", crossover);
        List<FrozenTrial> trials = run(MIXED, options, 3, 200, Nsga2SamplerTest::mixedObjective, MINIMIZE);
        Set<Object> units2Seen = new HashSet<>();
        for (FrozenTrial t : trials) {
            Map<String, Object> active = new LinkedHashMap<>();
            for (String name : MIXED.samplingOrder()) {
                if (MIXED.isActive(name, active)) {
                    Object v = t.params().get(name);
                    assertThat(v).as("trial %d: %s", t.number(), name).isNotNull();
                    assertThat(SpaceValues.conform(MIXED.parameters().get(name), v)).isEqualTo(v);
                    active.put(name, v);
                }
            }
            assertThat(t.params().keySet()).as("trial %d", t.number()).isEqualTo(active.keySet());
            if (t.number() >= 10 && t.params().containsKey("units2")) {
                units2Seen.add(t.params().get("units2"));
            }
        }
        assertThat(units2Seen).as("the conditional parameter is bred where active").isNotEmpty();
    }

    @Test
    void withoutCrossoverOrMutationEveryChildCopiesAParent() {
        Map<String, Object> options = Map.of("populationSize", 8L, "crossoverProb", 0, "mutationProb", 0);
        List<FrozenTrial> trials = run(MIXED, options, 9, 40, Nsga2SamplerTest::mixedObjective, MINIMIZE);
        for (FrozenTrial child : trials.subList(8, 40)) {
            int generation = child.number() / 8;
            assertThat(trials.subList(0, generation * 8)).extracting(FrozenTrial::params).contains(child.params());
        }
    }

    @Test
    void parentsComeFromTheEliteSoTheBestTrialsLiveOn() {
        // No crossover, no mutation: the children of generation 2 copy members of the elite of generations 0 and 1.
        Map<String, Object> options = Map.of("populationSize", 8L, "crossoverProb", 0, "mutationProb", 0);
        List<FrozenTrial> trials = run(MIXED, options, 4, 24, Nsga2SamplerTest::mixedObjective, MINIMIZE);
        List<FrozenTrial> elite = Population.elite(trials.subList(0, 16), 8, MINIMIZE);
        for (FrozenTrial child : trials.subList(16, 24)) {
            assertThat(elite).extracting(FrozenTrial::params).contains(child.params());
        }
    }

    @Test
    void zdt1FrontIsNonDominatedAndBeatsRandomOnHypervolume() {
        for (long seed = 1; seed <= 3; seed++) {
            List<FrozenTrial> trials = Zdt1.run(sampler, Map.of(), List.of(), 5, seed, 300);
            List<FrozenTrial> front = ParetoFront.front(trials, Zdt1.OBJECTIVES);
            for (FrozenTrial a : front) {
                for (FrozenTrial b : front) {
                    assertThat(ParetoFront.dominates(a, b, Zdt1.OBJECTIVES)).isFalse();
                }
            }
            double nsga = Zdt1.hypervolume(trials);
            double random = Zdt1.hypervolume(Zdt1.run(new RandomSampler(), Map.of(), List.of(), 5, seed, 300));
            assertThat(nsga).as("seed %d", seed).isGreaterThan(random + 0.2);
        }
    }

    @Test
    void sbxWithASmallerPopulationGetsCloserToTheTrueFront() {
        // The true ZDT1 front dominates up to about 11.77 of the reference box; random search gets about 10.4.
        double hv = Zdt1.hypervolume(Zdt1.run(sampler, Map.of("populationSize", 20L, "crossover", "sbx"), List.of(), 5, 1, 300));
        assertThat(hv).isGreaterThan(11.1);
    }

    @Test
    void constrainedDominationBreedsFromFeasibleTrials() {
        // Feasible only for f1 >= 0.5: about half of the random trials; NSGA-II should soon stay in the feasible half.
        List<Constraint> constraints = List.of(new Constraint("f1", 0.5, null));
        for (long seed = 1; seed <= 3; seed++) {
            List<FrozenTrial> trials = Zdt1.run(sampler, Map.of("populationSize", 20L), constraints, 4, seed, 200);
            long feasibleLate = trials.subList(100, 200).stream().filter(FrozenTrial::isFeasible).count();
            assertThat(feasibleLate).as("seed %d", seed).isGreaterThanOrEqualTo(85);
            Population parents = Population.parentsOf(10, 20, trials, Zdt1.OBJECTIVES);
            assertThat(parents.members()).allMatch(FrozenTrial::isFeasible);
            assertThat(ParetoFront.front(trials, Zdt1.OBJECTIVES)).allMatch(FrozenTrial::isFeasible);
        }
    }

    @Test
    void singleObjectiveImprovesOnRandom() {
        SearchSpace space = Zdt1.space(5);
        Function<Map<String, Object>, Double> sphere = p -> p.values().stream()
                .mapToDouble(v -> Math.pow((Double) v - 0.3, 2)).sum();
        for (long seed = 1; seed <= 3; seed++) {
            double nsga = run(space, Map.of("populationSize", 20L), seed, 300, sphere, MINIMIZE).stream()
                    .mapToDouble(t -> t.values().get(0)).min().orElseThrow();
            List<FrozenTrial> randomTrials = new ArrayList<>();
            for (int n = 0; n < 300; n++) {
                Map<String, Object> p = new RandomSampler().sample(new SamplingRequest(space, MINIMIZE, seed, n, List.of(), List.of()));
                randomTrials.add(new FrozenTrial(n, p, TrialState.COMPLETE, List.of(sphere.apply(p))));
            }
            double random = randomTrials.stream().mapToDouble(t -> t.values().get(0)).min().orElseThrow();
            assertThat(nsga).as("seed %d", seed).isLessThan(random);
        }
    }

    @Test
    void failedAndPrunedTrialsDoNotBreed() {
        List<FrozenTrial> finished = new ArrayList<>();
        SearchSpace space = Zdt1.space(3);
        for (int n = 0; n < 4; n++) {
            Map<String, Object> p = sampler.sample(new SamplingRequest(space, Zdt1.OBJECTIVES, List.of(),
                    Map.of("populationSize", 4L), 1, n, finished, List.of()));
            finished.add(new FrozenTrial(n, p, n == 2 ? TrialState.COMPLETE : TrialState.FAIL, n == 2 ? Zdt1.evaluate(p) : List.of()));
        }
        Map<String, Object> options = Map.of("populationSize", 4L, "crossoverProb", 0, "mutationProb", 0);
        for (int n = 4; n < 8; n++) {
            Map<String, Object> child = sampler.sample(new SamplingRequest(space, Zdt1.OBJECTIVES, List.of(), options, 1, n,
                    finished, List.of()));
            assertThat(child).as("the only COMPLETE trial is the only parent").isEqualTo(finished.get(2).params());
        }
    }

    @Test
    void withNothingCompleteTheNextGenerationIsRandom() {
        SearchSpace space = Zdt1.space(3);
        List<FrozenTrial> failed = List.of(new FrozenTrial(0, Map.of("x0", 0.1, "x1", 0.1, "x2", 0.1), TrialState.FAIL, List.of()));
        SamplingRequest request = new SamplingRequest(space, Zdt1.OBJECTIVES, List.of(), Map.of("populationSize", 2L), 3, 5,
                failed, List.of());
        assertThat(sampler.sample(request)).isEqualTo(new RandomSampler().sample(request));
    }

    @Test
    void defaultsAreOptunas() {
        Nsga2Options d = Nsga2Options.parse(Map.of()).options();
        assertThat(d).isEqualTo(Nsga2Options.defaults());
        assertThat(d.populationSize()).isEqualTo(50);
        assertThat(d.crossover()).isEqualTo(Nsga2Options.Crossover.UNIFORM);
        assertThat(d.crossoverProb()).isEqualTo(0.9);
        assertThat(d.swappingProb()).isEqualTo(0.5);
        assertThat(d.mutationProb()).isNull();
        assertThat(d.etaFor(2)).isEqualTo(20.0);
        assertThat(d.etaFor(1)).isEqualTo(2.0);
        assertThat(sampler.checkOptions(Map.of("populationSize", 10, "crossover", "sbx", "eta", 15, "crossoverProb", 1,
                "swappingProb", 0.3, "mutationProb", 0.2), 2)).isEmpty();
        assertThat(sampler.checkOptions(Map.of("crossover", "blxalpha", "alpha", 0.3), 1)).isEmpty();
    }

    @Test
    void badOptionsAreNamed() {
        List<FieldError> errors = sampler.checkOptions(Map.of("populationSize", 1L, "crossover", "two-point",
                "crossoverProb", 1.5, "swappingProb", "half", "mutationProb", -0.1, "seed", 3L), 2);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("strategy.options.seed",
                "strategy.options.populationSize", "strategy.options.crossover", "strategy.options.crossoverProb",
                "strategy.options.swappingProb", "strategy.options.mutationProb");
        assertThat(sampler.checkOptions(Map.of("populationSize", 20.5), 1)).extracting(FieldError::message)
                .containsExactly("must be an integer from 2 to 100000");
        assertThat(sampler.checkOptions(Map.of("eta", 10), 2)).extracting(FieldError::field, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("strategy.options.eta",
                        "applies only to \"crossover\": \"sbx\""));
        assertThat(sampler.checkOptions(Map.of("crossover", "blxalpha", "alpha", -1), 2)).extracting(FieldError::field)
                .containsExactly("strategy.options.alpha");
        assertThatThrownBy(() -> sampler.sample(new SamplingRequest(Zdt1.space(2), Zdt1.OBJECTIVES, List.of(),
                Map.of("populationSize", 0L), 1, 0, List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("populationSize");
    }
}
