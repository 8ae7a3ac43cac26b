package io.paretune.controller.search;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Non-dominated sorting against fronts worked out by hand, and the one-pass front against the full sort. */
class ParetoFrontTest {

    private static final List<Objective> MIN_MIN = List.of(new Objective("a", Direction.MINIMIZE),
            new Objective("b", Direction.MINIMIZE));

    private static FrozenTrial trial(int number, double a, double b, double... violations) {
        List<Double> v = new ArrayList<>();
        for (double x : violations) {
            v.add(x);
        }
        return new FrozenTrial(number, Map.of(), TrialState.COMPLETE, List.of(a, b), v, null);
    }

    private static List<List<Integer>> numbers(List<List<FrozenTrial>> fronts) {
        return fronts.stream().map(f -> f.stream().map(FrozenTrial::number).toList()).toList();
    }

    @Test
    void sortsIntoFrontsWorkedOutByHand() {
        // (1,5) (2,3) (3,1) beat everything else; of the rest (2,4) beats (4,4) and (3,5); those two tie.
        List<FrozenTrial> trials = List.of(trial(0, 1, 5), trial(1, 2, 3), trial(2, 3, 1), trial(3, 2, 4),
                trial(4, 4, 4), trial(5, 3, 5));
        assertThat(numbers(ParetoFront.sort(trials, MIN_MIN)))
                .containsExactly(List.of(0, 1, 2), List.of(3), List.of(4, 5));
    }

    @Test
    void maximizedObjectivesCountNegated() {
        List<Objective> maxMin = List.of(new Objective("acc", Direction.MAXIMIZE), new Objective("ms", Direction.MINIMIZE));
        // (0.9, 5) and (0.8, 2) trade off; (0.7, 3) loses to (0.8, 2).
        List<FrozenTrial> trials = List.of(trial(0, 0.9, 5), trial(1, 0.8, 2), trial(2, 0.7, 3));
        assertThat(numbers(ParetoFront.sort(trials, maxMin))).containsExactly(List.of(0, 1), List.of(2));
    }

    @Test
    void feasibleTrialsComeFirstThenTheSmallerViolation() {
        // #0 is best on both objectives but misses a constraint by 2; #3 misses it by 0.5.
        List<FrozenTrial> trials = List.of(trial(0, 0, 0, 2.0), trial(1, 2, 3, 0.0), trial(2, 3, 1, 0.0),
                trial(3, 1, 1, 0.5));
        assertThat(numbers(ParetoFront.sort(trials, MIN_MIN))).containsExactly(List.of(1, 2), List.of(3), List.of(0));
    }

    @Test
    void nondominatedKeepsTheFrontInInputOrderAndEqualPoints() {
        List<double[]> two = List.of(new double[]{3, 1}, new double[]{2, 4}, new double[]{1, 5}, new double[]{2, 3},
                new double[]{1, 5}, new double[]{4, 1});
        // (2,4) loses to (2,3); (4,1) to (3,1); the two (1,5) are equal and both stay.
        assertThat(ParetoFront.nondominated(two)).containsExactly(0, 2, 3, 4);
        List<double[]> three = List.of(new double[]{1, 2, 3}, new double[]{3, 2, 1}, new double[]{2, 2, 2},
                new double[]{2, 2, 3}, new double[]{1, 2, 3});
        // (2,2,3) loses to (1,2,3) and to (2,2,2).
        assertThat(ParetoFront.nondominated(three)).containsExactly(0, 1, 2, 4);
        assertThat(ParetoFront.nondominated(List.of())).isEmpty();
    }

    @Test
    void negativeZeroEqualsZero() {
        List<double[]> points = List.of(new double[]{0.0, 2}, new double[]{-0.0, 1});
        assertThat(ParetoFront.nondominated(points)).containsExactly(1);
    }

    @Test
    void nondominatedFindsWhatTheFullSortFindsFirst() {
        SplittableRandom random = new SplittableRandom(5);
        for (int d = 2; d <= 4; d++) {
            List<Objective> objectives = IntStream.range(0, d).mapToObj(k -> new Objective("o" + k, Direction.MINIMIZE))
                    .toList();
            for (int round = 0; round < 20; round++) {
                List<FrozenTrial> trials = new ArrayList<>();
                List<double[]> points = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    double[] p = new double[d];
                    for (int k = 0; k < d; k++) {
                        p[k] = random.nextInt(6); // few values: ties and equal points
                    }
                    points.add(p);
                    trials.add(new FrozenTrial(i, Map.of(), TrialState.COMPLETE,
                            java.util.Arrays.stream(p).boxed().toList()));
                }
                assertThat(ParetoFront.nondominated(points)).as("d=%d round %d", d, round)
                        .isEqualTo(ParetoFront.front(trials, objectives).stream().map(FrozenTrial::number).toList());
            }
        }
    }
}
