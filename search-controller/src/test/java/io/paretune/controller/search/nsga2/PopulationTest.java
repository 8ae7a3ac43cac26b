package io.paretune.controller.search.nsga2;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PopulationTest {

    static final List<Objective> TWO = List.of(new Objective("a", Direction.MINIMIZE), new Objective("b", Direction.MAXIMIZE));

    static FrozenTrial trial(int number, double a, double b) {
        return new FrozenTrial(number, Map.of("x", (double) number), TrialState.COMPLETE, List.of(a, b));
    }

    static FrozenTrial trial(int number, double a, double b, double violation) {
        return new FrozenTrial(number, Map.of("x", (double) number), TrialState.COMPLETE, List.of(a, b), List.of(violation), null);
    }

    @Test
    void crowdingDistanceIsInfiniteAtTheExtremesAndTheNormalizedGapBetween() {
        // One front (a minimized, b maximized): a = 0, 1, 3, 4 with b = 0, 1, 3, 4.
        List<FrozenTrial> front = List.of(trial(0, 0, 0), trial(1, 1, 1), trial(2, 3, 3), trial(3, 4, 4));
        Map<Integer, Double> d = Population.crowdingDistances(front);
        assertThat(d.get(0)).isInfinite();
        assertThat(d.get(3)).isInfinite();
        assertThat(d.get(1)).isCloseTo((3 - 0) / 4.0 * 2, within(1e-12));
        assertThat(d.get(2)).isCloseTo((4 - 1) / 4.0 * 2, within(1e-12));
    }

    @Test
    void anObjectiveTheFrontAgreesOnAddsNothing() {
        List<FrozenTrial> front = List.of(trial(0, 1, 0), trial(1, 1, 5), trial(2, 1, 10));
        Map<Integer, Double> d = Population.crowdingDistances(front);
        assertThat(d.get(1)).isEqualTo(1.0);
        assertThat(d.get(0)).isInfinite();
    }

    @Test
    void eliteTakesWholeFrontsThenTheMostIsolatedOfTheNext() {
        List<FrozenTrial> candidates = List.of(
                trial(0, 0, 10), trial(1, 10, 20),                      // front 0
                trial(2, 1, 0), trial(3, 2, 5), trial(4, 2.2, 5.5), trial(5, 11, 6)); // front 1
        List<FrozenTrial> elite = Population.elite(candidates, 4, TWO);
        assertThat(elite).extracting(FrozenTrial::number).containsExactly(0, 1, 2, 5);
        assertThat(Population.elite(candidates, 2, TWO)).extracting(FrozenTrial::number).containsExactly(0, 1);
        assertThat(Population.elite(candidates, 10, TWO)).hasSize(6);
    }

    @Test
    void eliteIsFeasibleFirst() {
        List<FrozenTrial> candidates = List.of(trial(0, 0, 100, 0.5), trial(1, 5, 1, 0), trial(2, -1, 200, 0.1));
        assertThat(Population.elite(candidates, 1, TWO)).extracting(FrozenTrial::number).containsExactly(1);
        assertThat(Population.elite(candidates, 2, TWO)).extracting(FrozenTrial::number).containsExactly(1, 2);
    }

    @Test
    void parentsAreTheEliteOfThePreviousGenerationAndTheParentsBefore() {
        // Population 2, one objective minimized.
        List<Objective> one = List.of(new Objective("a", Direction.MINIMIZE));
        List<FrozenTrial> finished = new ArrayList<>();
        double[] values = {5, 1, 4, 3, 0.5, 9};
        for (int n = 0; n < values.length; n++) {
            finished.add(new FrozenTrial(n, Map.of("x", (double) n), TrialState.COMPLETE, List.of(values[n])));
        }
        assertThat(Population.parentsOf(1, 2, finished, one).members()).extracting(FrozenTrial::number).containsExactly(1, 0);
        assertThat(Population.parentsOf(2, 2, finished, one).members()).extracting(FrozenTrial::number).containsExactly(1, 3);
        assertThat(Population.parentsOf(3, 2, finished, one).members()).extracting(FrozenTrial::number).containsExactly(4, 1);
    }

    @Test
    void tournamentPrefersTheLowerRankThenTheLessCrowded() {
        // Front 0: trials 0 and 1; front 1: trial 2. Over many tournaments trial 2 wins only against itself.
        Population p = Population.parentsOf(1, 3, List.of(trial(0, 0, 10), trial(1, 10, 20), trial(2, 11, 5)), TWO);
        assertThat(p.rank(0)).isZero();
        assertThat(p.rank(2)).isEqualTo(1);
        SplittableRandom random = new SplittableRandom(1);
        int[] wins = new int[3];
        for (int i = 0; i < 9000; i++) {
            wins[p.tournament(random, -1)]++;
        }
        assertThat(wins[2]).isBetween(700, 1300); // (1/3)^2 of the draws
        for (int i = 0; i < 100; i++) {
            assertThat(p.tournament(random, 0)).as("never the excluded member when another is left").isNotZero();
        }
    }
}
