package io.paretune.controller.pruning;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Evaluation;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.campaign.StrategySpec;
import io.paretune.contract.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class AshaPrunerTest {

    private final AshaPruner pruner = new AshaPruner();

    static PrunerSpec asha(int min, int max, int eta) {
        return new PrunerSpec(PrunerSpec.ASHA, min, max, eta, null, null, null);
    }

    /**
     * η 3, rungs at 1 and 3 below max 9. Nine trials reach rung 1 in this order; at each arrival the trial goes on
     * only within the top ⌊n/3⌋ of the n that have reached it (the best while n &lt; 3). Values are accuracies.
     */
    private static final double[] RUNG_1 = {0.50, 0.40, 0.60, 0.55, 0.70, 0.65, 0.30, 0.62, 0.68};
    /** Rung 3, in the order the survivors of rung 1 reach it. */
    private static final int[] RUNG_3_ORDER = {0, 2, 4, 5, 8};
    private static final double[] RUNG_3 = {0.72, 0.70, 0.80, 0.75, 0.78};

    /** Plays the scenario (values mapped by {@code f}); returns the trials stopped at rung 1, then at rung 3. */
    private List<List<Integer>> playScenario(Direction direction, DoubleUnaryOperator f) {
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, asha(1, 9, 3), direction, 7);
        List<Integer> stoppedAt1 = new ArrayList<>();
        for (int t = 0; t < RUNG_1.length; t++) {
            if (campaign.report(t, 1, f.applyAsDouble(RUNG_1[t]))) {
                stoppedAt1.add(t);
            }
        }
        List<Integer> stoppedAt3 = new ArrayList<>();
        for (int i = 0; i < RUNG_3_ORDER.length; i++) {
            int t = RUNG_3_ORDER[i];
            // Epoch 2 is no rung: never a reason to stop, whatever the value.
            assertThat(campaign.report(t, 2, f.applyAsDouble(0.0))).isFalse();
            if (campaign.report(t, 3, f.applyAsDouble(RUNG_3[i]))) {
                stoppedAt3.add(t);
            }
        }
        // The last step is the end of training, not a rung: the survivors finish even with the worst value.
        assertThat(campaign.report(0, 9, f.applyAsDouble(0.0))).isFalse();
        assertThat(campaign.report(4, 9, f.applyAsDouble(0.0))).isFalse();
        return List.of(stoppedAt1, stoppedAt3);
    }

    @Test
    void ashaPromotesTheRightTrialsWhenMaximizing() {
        List<List<Integer>> stopped = playScenario(Direction.MAXIMIZE, v -> v);
        // 0: first, best of 1. 1: 0.40 < 0.50. 2: best of 3. 3: not the best of 4. 4: best of 5.
        // 5: top 2 of 6. 6, 7: not top 2 of 7, 8 (0.65, 0.70 above). 8: top 3 of 9 (0.68 ≥ 0.65).
        assertThat(stopped.get(0)).containsExactly(1, 3, 6, 7);
        // 0: first. 2: 0.70 < 0.72. 4: best of 3. 5, 8: not the best of 4, 5 (0.80 above).
        assertThat(stopped.get(1)).containsExactly(2, 5, 8);
    }

    @Test
    void ashaPromotesTheSameTrialsWhenMinimizingTheMirroredLoss() {
        List<List<Integer>> stopped = playScenario(Direction.MINIMIZE, v -> 1 - v);
        assertThat(stopped.get(0)).containsExactly(1, 3, 6, 7);
        assertThat(stopped.get(1)).containsExactly(2, 5, 8);
    }

    @Test
    void withFewerThanEtaCompetitorsOnlyTheBestGoesOnAndTiesGoOn() {
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, asha(1, 9, 3), Direction.MINIMIZE, 7);
        assertThat(campaign.report(0, 1, 0.5)).as("alone at the rung").isFalse();
        assertThat(campaign.report(1, 1, 0.5)).as("tied with the best").isFalse();
        assertThat(campaign.report(2, 1, 0.6)).as("worse than the best of 3").isTrue();
        assertThat(campaign.report(3, 1, 0.4)).as("the new best").isFalse();
    }

    @Test
    void largerEtaKeepsTheTopQuarter() {
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, asha(2, 32, 4), Direction.MAXIMIZE, 7);
        double[] values = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
        for (int t = 0; t < values.length; t++) {
            // Ascending arrivals: each is the best so far, so all go on.
            assertThat(campaign.report(t, 2, values[t])).isFalse();
        }
        // Eight at the rung: the top 2 go on (0.7, 0.65), 0.6 does not.
        assertThat(campaign.report(7, 2, 0.65)).isFalse();
        assertThat(campaign.report(8, 2, 0.6)).isTrue();
    }

    @Test
    void aReportThatSkipsRungsIsJudgedAtEachWithItsValue() {
        // η 3, rungs 1, 3, 9 below 27.
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, asha(1, 27, 3), Direction.MAXIMIZE, 7);
        campaign.report(0, 1, 0.9);
        campaign.report(0, 3, 0.5);
        campaign.report(0, 9, 0.95);
        campaign.report(1, 1, 0.95);
        assertThat(campaign.report(1, 4, 0.6)).as("best at rung 3 (value of step 4) among 2").isFalse();
        // Trial 2 jumps from step 1 to step 10: at rung 3 its 0.7 is the best of 3, at rung 9 it is below 0.95.
        assertThat(campaign.report(2, 1, 0.99)).isFalse();
        assertThat(campaign.report(2, 10, 0.7)).isTrue();
    }

    @Test
    void competitorsThatSkippedARungCountWithTheirFirstValuePastIt() {
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, asha(1, 27, 3), Direction.MAXIMIZE, 7);
        campaign.report(0, 1, 0.9);
        campaign.report(0, 5, 0.8); // its rung-3 value is 0.8, not its later 0.1
        campaign.report(0, 6, 0.1);
        campaign.report(1, 1, 0.95);
        assertThat(campaign.report(1, 3, 0.79)).isTrue();
    }

    @Test
    void aTrialStoppedAtTheLowerOfTwoSkippedRungsDoesNotCountAtTheHigher() {
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, asha(1, 27, 3), Direction.MAXIMIZE, 7);
        campaign.report(0, 1, 0.9);
        // Straight to step 3: judged at rung 1 first, where 0.5 is not the best of 2, so it never got to rung 3.
        assertThat(campaign.report(1, 3, 0.5)).isTrue();
        campaign.report(2, 1, 0.95);
        assertThat(campaign.report(2, 3, 0.4)).as("alone at rung 3").isFalse();
    }

    @Test
    void aTrialStoppedAtTheHigherOfTwoSkippedRungsCountsAtBoth() {
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, asha(1, 100, 2), Direction.MAXIMIZE, 7); // 1, 2, 4
        campaign.report(0, 1, 0.5);
        campaign.report(0, 2, 0.9);
        campaign.report(3, 1, 0.8);
        assertThat(campaign.report(3, 2, 0.3)).isTrue();
        // Straight to step 2: the best at rung 1, then below 0.9 at rung 2.
        assertThat(campaign.report(1, 2, 0.85)).isTrue();
        campaign.report(2, 1, 0.99);
        // Four at rung 2 (0.9, 0.3, 0.85 and this), so the top 2 go on; without trial 1 only the best would.
        assertThat(campaign.report(2, 2, 0.87)).isFalse();
    }

    @Test
    void notANumberAtARungStopsTheTrialAndNeverCompetes() {
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, asha(1, 9, 3), Direction.MAXIMIZE, 7);
        assertThat(campaign.report(0, 1, Double.NaN)).isTrue();
        assertThat(campaign.report(1, 1, 0.1)).as("alone at the rung, the NaN left out").isFalse();
    }

    @Test
    void aStepWithoutAReportIsNoReasonToStop() {
        var trial = ScriptedCampaign.trial(0, TrialState.RUNNING, Map.of(2, 0.1));
        var better = ScriptedCampaign.trial(1, TrialState.RUNNING, Map.of(1, 0.9));
        assertThat(pruner.shouldPrune(new PruningRequest(asha(1, 9, 3), Direction.MAXIMIZE, 7, trial, 1, List.of(better))))
                .isFalse();
    }

    @Test
    void nextDecisionStepWalksTheRungsThenEndsAtTheLastStep() {
        PruningRequest request = request(asha(1, 9, 3));
        assertThat(pruner.nextDecisionStep(request, 0, 9)).isEqualTo(1);
        assertThat(pruner.nextDecisionStep(request, 1, 9)).isEqualTo(3);
        assertThat(pruner.nextDecisionStep(request, 2, 9)).isEqualTo(3);
        assertThat(pruner.nextDecisionStep(request, 3, 9)).isEqualTo(9);
        assertThat(pruner.nextDecisionStep(request, 8, 9)).isEqualTo(9);
    }

    @Test
    void nextDecisionStepIsCappedAtTheLastStep() {
        PruningRequest request = request(asha(2, 20, 2)); // rungs 2, 4, 8, 16
        assertThat(pruner.nextDecisionStep(request, 0, 20)).isEqualTo(2);
        assertThat(pruner.nextDecisionStep(request, 4, 20)).isEqualTo(8);
        assertThat(pruner.nextDecisionStep(request, 8, 10)).isEqualTo(10);
        assertThat(pruner.nextDecisionStep(request, 16, 20)).isEqualTo(20);
    }

    @Test
    void rungsLieStrictlyBelowMaxResource() {
        assertThat(new SuccessiveHalving(1, 3, 0, 9).rungSteps()).containsExactly(1, 3);
        assertThat(new SuccessiveHalving(1, 3, 0, 10).rungSteps()).containsExactly(1, 3, 9);
        assertThat(new SuccessiveHalving(1, 3, 1, 27).rungSteps()).containsExactly(3, 9);
        assertThat(new SuccessiveHalving(5, 3, 0, 5).rungSteps()).isEmpty();
        assertThat(new SuccessiveHalving(1, 2, 0, Integer.MAX_VALUE).rungSteps()).hasSize(31);
    }

    @Test
    void checkRefusesASpecWithoutARung() {
        assertThat(pruner.check(campaign(asha(1, 9, 3)))).isEmpty();
        assertThat(pruner.check(campaign(asha(9, 9, 3))))
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("strategy.pruner.minResource"));
    }

    static PruningRequest request(PrunerSpec spec) {
        return new PruningRequest(spec, Direction.MAXIMIZE, 7, ScriptedCampaign.trial(0, TrialState.RUNNING, Map.of()),
                0, List.of());
    }

    static CampaignSpec campaign(PrunerSpec spec) {
        return new CampaignSpec("c", Evaluation.EXTERNAL, null, null, null, List.of(), List.of(), null, null,
                new StrategySpec("random", 7L, Map.of(), spec), null);
    }
}
