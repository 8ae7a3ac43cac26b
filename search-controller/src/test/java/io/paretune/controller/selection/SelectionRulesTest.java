package io.paretune.controller.selection;

import io.paretune.contract.campaign.CampaignSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.paretune.controller.selection.Campaigns.ACCURACY_LATENCY;
import static io.paretune.controller.selection.Campaigns.five;
import static io.paretune.controller.selection.Campaigns.spec;
import static io.paretune.controller.selection.Campaigns.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each selection rule on {@link Campaigns#five()}, worked out by hand: the front is 0, 1, 2, 4; normalized over it
 * 0 (0, 1), 1 (0.05, 0.333), 2 (0.25, 0.111), 4 (1, 0), and 3 (0.5, 0.556) off it.
 */
class SelectionRulesTest {

    private static final String LATENCY_AT_MOST_025 = "[{\"metric\": \"latency_ms_p50\", \"max\": 0.25}]";

    private static Decision decide(CampaignSpec spec, List<Contender> trials) {
        return Selection.decide(spec, trials).orElseThrow();
    }

    private static int chosen(String constraints, String selection) {
        Decision d = decide(spec(ACCURACY_LATENCY, constraints, selection), five());
        assertThat(d.hasChoice()).as(d.sentence()).isTrue();
        return d.chosen().number();
    }

    @Test
    void noVerdictBeforeATrialIsComplete() {
        assertThat(Selection.decide(spec(ACCURACY_LATENCY, "null", "{\"rule\": \"knee\"}"), List.of())).isEmpty();
    }

    @Test
    void theFrontAndItsNormalizationAreThoseWorkedOutByHand() {
        TradeOffs t = TradeOffs.of(spec(ACCURACY_LATENCY, "null", "null"), five());
        assertThat(t.front()).extracting(Scored::number).as("best first on accuracy").containsExactly(0, 1, 2, 4);
        assertThat(t.normalized(t.scored().get(1))).containsExactly(new double[]{0.05, 1.0 / 3}, within(1e-12));
        assertThat(t.normalized(t.scored().get(3))).as("trial 3, off the front")
                .containsExactly(new double[]{0.5, 0.25 / 0.45}, within(1e-12));
    }

    @Test
    void primaryIsTheMostAccurateFeasibleFirst() {
        assertThat(chosen("null", "{\"rule\": \"primary\"}")).isZero();
        assertThat(chosen(LATENCY_AT_MOST_025, "{\"rule\": \"primary\"}")).as("trial 0 is too slow").isEqualTo(1);
        assertThat(chosen("[{\"metric\": \"latency_ms_p50\", \"max\": 0.01}]", "{\"rule\": \"primary\"}"))
                .as("none feasible: the least violation, 4 by 0.04").isEqualTo(4);
    }

    @Test
    void constraintsIsTheMostAccurateFeasibleAndNoneWhileNoneIs() {
        assertThat(chosen(LATENCY_AT_MOST_025, "{\"rule\": \"constraints\"}")).isEqualTo(1);
        Decision none = decide(spec(ACCURACY_LATENCY, "[{\"metric\": \"latency_ms_p50\", \"max\": 0.01}]",
                "{\"rule\": \"constraints\"}"), five());
        assertThat(none.hasChoice()).isFalse();
        assertThat(none.rule()).isEqualTo("constraints");
        assertThat(none.sentence()).isEqualTo("No trial meets the constraints yet: all 5 complete trials miss them");
    }

    @Test
    void kneeIsTheFarthestFromTheLineThroughTheEnds() {
        // 1 - x - y: 0.617 for trial 1, 0.639 for trial 2.
        assertThat(chosen("null", "{\"rule\": \"knee\"}")).isEqualTo(2);
        // Feasible front 1, 2, 4: accuracy 0.89 .. 0.70, latency 0.05 .. 0.20; trial 2 at (0.211, 0.333).
        assertThat(chosen(LATENCY_AT_MOST_025, "{\"rule\": \"knee\"}")).isEqualTo(2);
        assertThat(chosen("[{\"metric\": \"latency_ms_p50\", \"max\": 0.01}]", "{\"rule\": \"knee\"}"))
                .as("none feasible: the knee of all trials").isEqualTo(2);
    }

    @Test
    void weightedIsTheLeastWeightedSumOfNormalizedObjectives() {
        // 3 : 1: trial 0 1.0, 1 0.483, 2 0.861, 3 2.056, 4 3.0.
        assertThat(chosen("null", "{\"rule\": \"weighted\", \"weights\": {\"val_accuracy\": 3, \"latency_ms_p50\": 1}}"))
                .isEqualTo(1);
        // 1 : 1: trial 0 1.0, 1 0.383, 2 0.361, 4 1.0.
        assertThat(chosen("null", "{\"rule\": \"weighted\", \"weights\": {\"val_accuracy\": 1, \"latency_ms_p50\": 1}}"))
                .isEqualTo(2);
        assertThat(chosen("null", "{\"rule\": \"weighted\", \"weights\": {\"latency_ms_p50\": 1}}")).isEqualTo(4);
        // Only feasible trials count: 0 would win on accuracy alone.
        assertThat(chosen(LATENCY_AT_MOST_025, "{\"rule\": \"weighted\", \"weights\": {\"val_accuracy\": 1}}"))
                .isEqualTo(1);
    }

    @Test
    void rewardIsMnasNetsAccuracyTimesTheCostRatioToItsExponent() {
        // Soft form, target 0.2 ms: 0.844, 0.890, 0.892 (0.85 · 0.5^-0.07), 0.778, 0.771.
        assertThat(RewardRule.reward(0.85, 0.10, 0.2, -0.07, -0.07)).isCloseTo(0.892259, within(1e-6));
        assertThat(chosen("null", "{\"rule\": \"reward\", \"metric\": \"latency_ms_p50\", \"target\": 0.2, "
                + "\"accuracyMetric\": \"val_accuracy\"}")).isEqualTo(2);
        // Hard form: no gain below the target, accuracy / ratio above: 0.36, 0.89, 0.85, 0.533, 0.70.
        assertThat(RewardRule.reward(0.90, 0.50, 0.2, 0, -1)).isCloseTo(0.36, within(1e-12));
        assertThat(chosen("null", "{\"rule\": \"reward\", \"metric\": \"latency_ms_p50\", \"target\": 0.2, "
                + "\"alpha\": 0, \"beta\": -1}")).isEqualTo(1);
    }

    @Test
    void rewardLeavesOutTrialsWithoutTheCostAndSaysWhenNoneHasIt() {
        List<Contender> trials = five();
        trials.add(trial(5, "val_accuracy", 0.95, "latency_ms_p50", 0.4, "macs", 2_000_000));
        trials.add(trial(6, "val_accuracy", 0.80, "latency_ms_p50", 0.4, "macs", 100_000));
        CampaignSpec spec = spec(ACCURACY_LATENCY, "null",
                "{\"rule\": \"reward\", \"metric\": \"macs\", \"target\": 100000, \"alpha\": 0, \"beta\": -1}");
        // 0.95 / 20 = 0.0475 against 0.80.
        assertThat(decide(spec, trials).chosen().number()).isEqualTo(6);
        Decision none = decide(spec, five());
        assertThat(none.hasChoice()).isFalse();
        assertThat(none.sentence()).isEqualTo(
                "No complete trial reports both val_accuracy and a positive macs, which the reward needs");
    }

    @Test
    void trialsWithoutEveryObjectiveAreLeftOut() {
        List<Contender> trials = List.of(trial(0, "val_accuracy", 0.99), trial(1, "val_accuracy", 0.8,
                "latency_ms_p50", 0.3));
        Optional<Decision> d = Selection.decide(spec(ACCURACY_LATENCY, "null", "null"), trials);
        assertThat(d.orElseThrow().chosen().number()).isEqualTo(1);
    }

    @Test
    void tiesGoToTheLowerNumber() {
        List<Contender> twins = List.of(trial(3, "val_accuracy", 0.8, "latency_ms_p50", 0.3),
                trial(1, "val_accuracy", 0.8, "latency_ms_p50", 0.3));
        for (String rule : List.of("primary", "knee")) {
            assertThat(decide(spec(ACCURACY_LATENCY, "null", "{\"rule\": \"" + rule + "\"}"), twins).chosen().number())
                    .as(rule).isEqualTo(1);
        }
    }
}
