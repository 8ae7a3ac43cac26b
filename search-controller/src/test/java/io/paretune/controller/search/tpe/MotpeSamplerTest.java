package io.paretune.controller.search.tpe;

import io.paretune.contract.campaign.Constraint;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.Hypervolume;
import io.paretune.controller.search.ParetoFront;
import io.paretune.controller.search.RandomSampler;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MotpeSamplerTest {

    private final MotpeSampler motpe = new MotpeSampler();

    /** ZDT1 with three variables: a convex front f2 = 1 − √f1 where x2 = x3 = 0. */
    static final SearchSpace ZDT1 = SearchSpace.of(Map.of(
            "x1", new ParameterSpec.FloatRange(0, 1, false),
            "x2", new ParameterSpec.FloatRange(0, 1, false),
            "x3", new ParameterSpec.FloatRange(0, 1, false)));

    static double[] zdt1(Map<String, Object> p) {
        double f1 = (Double) p.get("x1");
        double g = 1 + 9 * ((Double) p.get("x2") + (Double) p.get("x3")) / 2;
        return new double[]{f1, g * (1 - Math.sqrt(f1 / g))};
    }

    private static double frontVolume(List<FrozenTrial> trials) {
        double[][] front = ParetoFront.front(trials, Runs.TWO).stream()
                .map(t -> ParetoFront.minimizing(t.values(), Runs.TWO)).toArray(double[][]::new);
        return Hypervolume.of(front, new double[]{1.1, 11});
    }

    @Test
    void findsABetterFrontThanRandomOnZdt1() {
        double motpeVolume = 0;
        double randomVolume = 0;
        int motpeWins = 0;
        for (long seed = 1; seed <= 5; seed++) {
            double m = frontVolume(Runs.run(motpe, ZDT1, Runs.TWO, List.of(), Map.of(), seed, 80, MotpeSamplerTest::zdt1));
            double r = frontVolume(Runs.run(new RandomSampler(), ZDT1, Runs.TWO, List.of(), Map.of(), seed, 80, MotpeSamplerTest::zdt1));
            motpeVolume += m;
            randomVolume += r;
            motpeWins += m > r ? 1 : 0;
        }
        assertThat(motpeVolume).isGreaterThan(randomVolume);
        assertThat(motpeWins).isGreaterThanOrEqualTo(4);
    }

    @Test
    void isReproducibleAndTheTpeSamplerSplitsSeveralObjectivesTheSameWay() {
        List<FrozenTrial> history = Runs.run(motpe, ZDT1, Runs.TWO, List.of(), Map.of(), 4, 30, MotpeSamplerTest::zdt1);
        assertThat(Runs.run(motpe, ZDT1, Runs.TWO, List.of(), Map.of(), 4, 30, MotpeSamplerTest::zdt1)).isEqualTo(history);
        SamplingRequest request = new SamplingRequest(ZDT1, Runs.TWO, 4, 30, history, List.of());
        assertThat(new TpeSampler().sample(request)).isEqualTo(motpe.sample(request));
        for (FrozenTrial t : history) {
            assertThat(t.params().values()).allSatisfy(v -> assertThat((Double) v).isBetween(0.0, 1.0));
        }
    }

    @Test
    void maximizedObjectivesAndTheMultivariateModeWork() {
        List<Objective> objectives = List.of(new Objective("accuracy", Direction.MAXIMIZE), new Objective("latency", Direction.MINIMIZE));
        List<FrozenTrial> trials = Runs.run(motpe, ZDT1, objectives, List.of(), Map.of("multivariate", true), 2, 60,
                p -> new double[]{-zdt1(p)[0], zdt1(p)[1]});
        assertThat(trials).hasSize(60);
        assertThat(ParetoFront.front(trials, objectives)).isNotEmpty();
    }

    @Test
    void belowGroupIsFilledFrontByFrontThenCutByHypervolume() {
        // Front 1: (0, 4), (4, 0); front 2: five points on the line f1 + f2 = 6, of which one fits.
        double[][] losses = {{0, 4}, {4, 0}, {1, 5}, {2, 4}, {3, 3}, {4, 2}, {5, 1}, {9, 9}};
        boolean[] candidate = new boolean[losses.length];
        java.util.Arrays.fill(candidate, true);
        boolean[] below = new boolean[losses.length];
        ParetoSplit.chooseBelow(losses, candidate, 3, below);
        // The greedy pick of front 2 is its middle point, which alone dominates the most (reference 1.1 x worst).
        assertThat(below).containsExactly(true, true, false, false, true, false, false, false);
    }

    @Test
    void belowWeightsFollowHypervolumeContributionsAndInfeasibleOnesWeighNearlyNothing() {
        double[][] losses = {{0, 4}, {1, 1}, {4, 0}, {2, 2}};
        boolean[] below = {true, true, true, true};
        double[] violation = {0, 0, 0, 0.5};
        double[] w = ParetoSplit.belowWeights(losses, below, violation);
        // Reference (4.4, 4.4): exclusive boxes 1 x 0.4, 3 x 3 and 0.4 x 1, over the largest, 9.
        assertThat(w[0]).isCloseTo(0.4 / 9, within(1e-9));
        assertThat(w[1]).isCloseTo(1.0, within(1e-9));
        assertThat(w[2]).isCloseTo(0.4 / 9, within(1e-9));
        assertThat(w[3]).isEqualTo(Observations.EPS);
    }

    @Test
    void constraintsKeepInfeasibleTrialsOutOfTheGoodGroup() {
        // Infeasible trials have the best objective values; 30 feasible ones are enough to fill the good group.
        List<FrozenTrial> trials = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean feasible = i % 2 == 0;
            double shift = feasible ? 10 : 0;
            trials.add(new FrozenTrial(i, Map.of("x1", 0.5, "x2", 0.5, "x3", 0.5), TrialState.COMPLETE,
                    List.of(shift + i / 60.0, shift + 1 - i / 60.0), List.of(feasible ? 0.0 : 1.0), null));
        }
        Observations obs = Observations.of(new SamplingRequest(ZDT1, Runs.TWO, List.of(new Constraint("size", null, 1.0)),
                Map.of(), 1, 60, trials, List.of()), TpeOptions.OPTUNA);
        int below = 0;
        for (int i = 0; i < obs.trials.length; i++) {
            if (obs.below[i]) {
                below++;
                assertThat(obs.trials[i].isFeasible()).isTrue();
            }
        }
        assertThat(below).isEqualTo(6);
    }

    @Test
    void prunedTrialsAreIgnoredAndPendingOnesCountAsTheWorst() {
        List<FrozenTrial> finished = new ArrayList<>(Runs.run(motpe, ZDT1, Runs.TWO, List.of(), Map.of(), 3, 20, MotpeSamplerTest::zdt1));
        finished.add(new FrozenTrial(20, Map.of("x1", 0.1, "x2", 0.0, "x3", 0.0), TrialState.PRUNED, List.of()));
        List<FrozenTrial> pending = List.of(new FrozenTrial(21, Map.of("x1", 0.0, "x2", 0.0, "x3", 0.0), TrialState.RUNNING, List.of()));
        Observations obs = Observations.of(new SamplingRequest(ZDT1, Runs.TWO, 3, 22, finished, pending), TpeOptions.OPTUNA);
        assertThat(obs.observed).isEqualTo(20);
        assertThat(obs.trials).extracting(FrozenTrial::number).doesNotContain(20).contains(21);
        assertThat(obs.below[obs.trials.length - 1]).isFalse();
        Observations honest = Observations.of(new SamplingRequest(ZDT1, Runs.TWO, List.of(), Map.of("constantLiar", false), 3, 22,
                finished, pending), TpeOptions.of(Map.of("constantLiar", false), TpeOptions.OPTUNA));
        assertThat(honest.trials).extracting(FrozenTrial::number).doesNotContain(21);
    }

    @Test
    void needsTwoObjectivesAndChecksItsOptions() {
        Sampler sampler = motpe;
        assertThat(sampler.checkOptions(Map.of(), 1)).containsExactly(
                new FieldError("objectives", "the motpe sampler needs two or more objectives; use tpe for one"));
        assertThat(sampler.checkOptions(Map.of("nStartupTrials", 20L), 2)).isEmpty();
        assertThat(sampler.checkOptions(Map.of("gamma", 0.0), 3)).extracting(FieldError::field).containsExactly("strategy.options.gamma");
        assertThat(sampler.checkOptions(Map.of("goodWeights", "equal"), 2)).extracting(FieldError::message)
                .containsExactly("not an option of motpe, which weighs good trials by their hypervolume contribution");
    }
}
