package io.paretune.controller.selection;

import io.paretune.contract.campaign.Constraint;
import io.paretune.contract.campaign.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BestTrialTest {

    @Test
    void higherWinsWhenMaximizing() {
        assertThat(BestTrial.beats(Direction.MAXIMIZE, 0.9, 5, 0.8, 1)).isTrue();
        assertThat(BestTrial.beats(Direction.MAXIMIZE, 0.7, 0, 0.8, 1)).isFalse();
    }

    @Test
    void lowerWinsWhenMinimizing() {
        assertThat(BestTrial.beats(Direction.MINIMIZE, 1.5, 5, 2.0, 1)).isTrue();
        assertThat(BestTrial.beats(Direction.MINIMIZE, 2.5, 0, 2.0, 1)).isFalse();
    }

    @Test
    void tiesGoToTheLowerTrialNumber() {
        assertThat(BestTrial.beats(Direction.MAXIMIZE, 0.8, 0, 0.8, 3)).isTrue();
        assertThat(BestTrial.beats(Direction.MAXIMIZE, 0.8, 4, 0.8, 3)).isFalse();
    }

    @Test
    void nanNeverWins() {
        assertThat(BestTrial.beats(Direction.MAXIMIZE, Double.NaN, 0, 0.1, 3)).isFalse();
        assertThat(BestTrial.beats(Direction.MINIMIZE, 0.1, 3, Double.NaN, 0)).isTrue();
    }

    @Test
    void aFeasibleTrialBeatsAnInfeasibleOneWhateverTheirValues() {
        BestTrial.Candidate feasible = new BestTrial.Candidate(5, 0.6, 0);
        BestTrial.Candidate infeasible = new BestTrial.Candidate(1, 0.99, 0.2);
        assertThat(BestTrial.beats(Direction.MAXIMIZE, feasible, infeasible)).isTrue();
        assertThat(BestTrial.beats(Direction.MAXIMIZE, infeasible, feasible)).isFalse();
    }

    @Test
    void ofTwoInfeasibleTrialsTheSmallerViolationWinsThenTheValue() {
        BestTrial.Candidate near = new BestTrial.Candidate(5, 0.6, 0.1);
        BestTrial.Candidate far = new BestTrial.Candidate(1, 0.99, 3);
        assertThat(BestTrial.beats(Direction.MAXIMIZE, near, far)).isTrue();
        assertThat(BestTrial.beats(Direction.MAXIMIZE, far, near)).isFalse();
        BestTrial.Candidate missing = new BestTrial.Candidate(2, 0.9, Double.POSITIVE_INFINITY);
        assertThat(BestTrial.beats(Direction.MAXIMIZE, far, missing)).as("a missing metric is infinitely far").isTrue();
        BestTrial.Candidate alsoFar = new BestTrial.Candidate(7, 0.995, 3);
        assertThat(BestTrial.beats(Direction.MAXIMIZE, alsoFar, far)).as("equal violations: the better value").isTrue();
    }

    @Test
    void totalViolationSumsTheConstraintsAndMissingMetricsAreInfinite() {
        List<Constraint> constraints = List.of(new Constraint("latency_ms_p50", null, 0.2),
                new Constraint("val_accuracy", 0.8, null));
        assertThat(BestTrial.totalViolation(constraints, Map.of("latency_ms_p50", 0.1, "val_accuracy", 0.9))).isZero();
        assertThat(BestTrial.totalViolation(constraints, Map.of("latency_ms_p50", 0.5, "val_accuracy", 0.7)))
                .isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(BestTrial.totalViolation(constraints, Map.of("val_accuracy", 0.9))).isInfinite();
        assertThat(BestTrial.totalViolation(List.of(), Map.of())).isZero();
    }
}
