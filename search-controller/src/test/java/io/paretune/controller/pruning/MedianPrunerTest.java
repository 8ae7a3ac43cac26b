package io.paretune.controller.pruning;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MedianPrunerTest {

    private final MedianPruner pruner = new MedianPruner();

    static PrunerSpec median(int startup, int warmup, int interval, Integer maxResource) {
        return new PrunerSpec(PrunerSpec.MEDIAN, null, maxResource, null, startup, warmup, interval);
    }

    /** Two COMPLETE trials: medians 0.6 at step 1, 0.7 at step 2, 0.8 at step 3 (and on). */
    private static List<FrozenTrial> complete() {
        List<FrozenTrial> trials = new ArrayList<>();
        trials.add(ScriptedCampaign.trial(0, TrialState.COMPLETE, steps(0.5, 0.6, 0.7, 0.7, 0.7, 0.7)));
        trials.add(ScriptedCampaign.trial(1, TrialState.COMPLETE, steps(0.7, 0.8, 0.9, 0.9, 0.9, 0.9)));
        return trials;
    }

    /** Values at steps 1, 2, ... */
    private static Map<Integer, Double> steps(double... values) {
        Map<Integer, Double> map = new java.util.TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(i + 1, values[i]);
        }
        return map;
    }

    private boolean prune(PrunerSpec spec, Direction direction, Map<Integer, Double> reported, int step,
                          List<FrozenTrial> others) {
        FrozenTrial trial = ScriptedCampaign.trial(9, TrialState.RUNNING, reported);
        return pruner.shouldPrune(new PruningRequest(spec, direction, 7, trial, step, others));
    }

    @Test
    void stopsATrialBelowTheMedianAndKeepsOneAbove() {
        PrunerSpec spec = median(2, 0, 1, null);
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.4), 1, complete())).isTrue();
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.65), 1, complete())).isFalse();
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.6), 1, complete())).as("at the median").isFalse();
    }

    @Test
    void minimizingStopsATrialAboveTheMedian() {
        PrunerSpec spec = median(2, 0, 1, null);
        List<FrozenTrial> losses = List.of(
                ScriptedCampaign.trial(0, TrialState.COMPLETE, steps(1.0, 0.8)),
                ScriptedCampaign.trial(1, TrialState.COMPLETE, steps(2.0, 0.6)),
                ScriptedCampaign.trial(2, TrialState.COMPLETE, steps(3.0, 0.4)));
        assertThat(prune(spec, Direction.MINIMIZE, steps(2.5), 1, losses)).as("median 2.0").isTrue();
        assertThat(prune(spec, Direction.MINIMIZE, steps(1.5), 1, losses)).isFalse();
    }

    @Test
    void comparesTheBestValueSoFarNotTheLatest() {
        PrunerSpec spec = median(2, 0, 1, null);
        // Median at step 2 is 0.7: the trial's 0.5 is below it, but its best so far, 0.7, is not.
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.7, 0.5), 2, complete())).isFalse();
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.6, 0.5), 2, complete())).isTrue();
        // A later report does not change the answer at step 2.
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.6, 0.5, 0.99), 2, complete())).isTrue();
    }

    @Test
    void noDecisionBeforeEnoughTrialsComplete() {
        PrunerSpec spec = median(3, 0, 1, null);
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1), 1, complete())).isFalse();
        List<FrozenTrial> others = new ArrayList<>(complete());
        others.add(ScriptedCampaign.trial(2, TrialState.RUNNING, steps(0.9)));
        others.add(ScriptedCampaign.trial(3, TrialState.PRUNED, steps(0.9)));
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1), 1, others)).as("running, pruned do not count").isFalse();
        others.add(ScriptedCampaign.trial(4, TrialState.COMPLETE, steps(0.2)));
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1), 1, others)).isTrue();
    }

    @Test
    void noDecisionWithoutAnyCompleteTrialEvenWithZeroStartup() {
        List<FrozenTrial> running = List.of(ScriptedCampaign.trial(0, TrialState.RUNNING, steps(0.9)));
        assertThat(prune(median(0, 0, 1, null), Direction.MAXIMIZE, steps(0.1), 1, running)).isFalse();
    }

    @Test
    void onlyCompleteTrialsMakeTheMedian() {
        List<FrozenTrial> others = new ArrayList<>(complete());
        // Were these counted, the median at step 1 would drop to 0.1 and 0.4 would go on.
        others.add(ScriptedCampaign.trial(2, TrialState.RUNNING, steps(0.1)));
        others.add(ScriptedCampaign.trial(3, TrialState.PRUNED, steps(0.1)));
        others.add(ScriptedCampaign.trial(4, TrialState.FAIL, steps(0.1)));
        assertThat(prune(median(2, 0, 1, null), Direction.MAXIMIZE, steps(0.4), 1, others)).isTrue();
    }

    @Test
    void noDecisionDuringWarmup() {
        PrunerSpec spec = median(2, 2, 1, null);
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1), 1, complete())).isFalse();
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1, 0.1), 2, complete())).isTrue();
    }

    @Test
    void decidesOnlyAtIntervalStepsOrTheFirstReportPastOne() {
        PrunerSpec spec = median(2, 1, 2, null); // checks at 1, 3, 5
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1), 1, complete())).isTrue();
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1, 0.1), 2, complete())).isFalse();
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1, 0.1, 0.1), 3, complete())).isTrue();
        // Reported 1 and 2, skipped 3: the check of step 3 happens at step 4.
        Map<Integer, Double> skipped = new java.util.TreeMap<>(Map.of(1, 0.1, 2, 0.1, 4, 0.1));
        assertThat(prune(spec, Direction.MAXIMIZE, skipped, 4, complete())).isTrue();
        // ... but not again at 4 when 3 was reported.
        assertThat(prune(spec, Direction.MAXIMIZE, steps(0.1, 0.1, 0.1, 0.1), 4, complete())).isFalse();
    }

    @Test
    void noValueOfOthersAtTheStepMeansGoOn() {
        List<FrozenTrial> shortOnes = List.of(
                ScriptedCampaign.trial(0, TrialState.COMPLETE, steps(0.9)),
                ScriptedCampaign.trial(1, TrialState.COMPLETE, steps(0.9)));
        assertThat(prune(median(2, 0, 1, null), Direction.MAXIMIZE, steps(0.1, 0.1), 2, shortOnes)).isFalse();
    }

    @Test
    void onlyNotANumberSoFarStops() {
        assertThat(prune(median(2, 0, 1, null), Direction.MAXIMIZE, steps(Double.NaN), 1, complete())).isTrue();
        assertThat(prune(median(2, 0, 1, null), Direction.MAXIMIZE, steps(0.99, Double.NaN), 2, complete())).isFalse();
    }

    @Test
    void neverStopsATrialAtItsLastStep() {
        assertThat(prune(median(2, 0, 1, 3), Direction.MAXIMIZE, steps(0.1, 0.1), 2, complete())).isTrue();
        assertThat(prune(median(2, 0, 1, 3), Direction.MAXIMIZE, steps(0.1, 0.1, 0.1), 3, complete())).isFalse();
    }

    @Test
    void medianInterpolatesAnEvenCountAsNumpy() {
        assertThat(MedianPruner.median(complete(), 1)).isEqualTo(0.6);
        assertThat(MedianPruner.median(List.of(), 1)).isNaN();
    }

    @Test
    void nextDecisionStepFollowsWarmupAndInterval() {
        PruningRequest every = AshaPrunerTest.request(median(5, 0, 1, null));
        assertThat(pruner.nextDecisionStep(every, 0, 10)).isEqualTo(1);
        assertThat(pruner.nextDecisionStep(every, 1, 10)).isEqualTo(2);
        assertThat(pruner.nextDecisionStep(every, 9, 10)).isEqualTo(10);
        PruningRequest sparse = AshaPrunerTest.request(median(5, 5, 3, null)); // 5, 8, 11, ...
        assertThat(pruner.nextDecisionStep(sparse, 0, 20)).isEqualTo(5);
        assertThat(pruner.nextDecisionStep(sparse, 4, 20)).isEqualTo(5);
        assertThat(pruner.nextDecisionStep(sparse, 5, 20)).isEqualTo(8);
        assertThat(pruner.nextDecisionStep(sparse, 6, 20)).isEqualTo(8);
        assertThat(pruner.nextDecisionStep(sparse, 8, 10)).isEqualTo(10);
    }

    @Test
    void checkRefusesAPipelineSpecThatNeverChecksBeforeTheLastEpoch() {
        assertThat(pruner.check(AshaPrunerTest.campaign(median(5, 3, 1, 10)))).isEmpty();
        assertThat(pruner.check(AshaPrunerTest.campaign(median(5, 100, 1, null)))).as("external: no last step").isEmpty();
        assertThat(pruner.check(AshaPrunerTest.campaign(median(5, 10, 1, 10))))
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("strategy.pruner.warmupSteps"));
        assertThat(pruner.check(AshaPrunerTest.campaign(median(5, 0, 10, 10))))
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("strategy.pruner.intervalSteps"));
    }
}
