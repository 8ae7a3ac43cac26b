package io.paretune.bench.compression;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompressionGoalsTest {

    private static ScoredTrial trial(int number, String pruning, Double sparsity, String precision, double test,
                                     double nonzero, double latency, double size) {
        Map<String, Object> params = new HashMap<>();
        params.put("pruning", pruning);
        if (sparsity != null) {
            params.put("targetSparsity", sparsity);
        }
        params.put("precision", precision);
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("test_accuracy", test);
        metrics.put("val_accuracy", test);
        metrics.put("nonzero_params", nonzero);
        metrics.put("latency_ms_p50", latency);
        metrics.put("model_size_bytes", size);
        return new ScoredTrial(number, "t" + number, params, metrics);
    }

    private static ScoredTrial dense(int number, double test, double latency) {
        return trial(number, "none", null, "fp32", test, 330_000, latency, 1_200_000);
    }

    @Test
    void unstructuredPicksTheLargestReductionWithinHalfAPointOfTheMostAccurateDense() {
        List<ScoredTrial> trials = List.of(
                dense(0, 0.890, 0.20),
                dense(1, 0.885, 0.20), // a less accurate dense trial is not the reference
                trial(2, "magnitude", 0.9, "fp32", 0.888, 33_000, 0.21, 300_000),      // 10x, 0.2 below
                trial(3, "magnitude", 0.95, "fp32", 0.8851, 16_500, 0.20, 150_000),    // 20x, 0.49 below
                trial(4, "magnitude", 0.97, "fp32", 0.880, 11_000, 0.20, 100_000));    // 30x, 1.0 below: too far
        Goal goal = CompressionGoals.unstructured(trials);
        assertThat(goal.checks()).extracting(Check::figure, Check::measured)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nonzero_reduction", 20.0),
                        org.assertj.core.groups.Tuple.tuple("points_below_dense", 0.49));
        assertThat(goal.met()).isTrue();
        assertThat(((Map<?, ?>) goal.details().get("chosen_trial")).get("trial")).isEqualTo(3);
        assertThat(((Map<?, ?>) goal.details().get("chosen_trial")).get("latency_ratio_dense_over_pruned")).isEqualTo(1.0);
        assertThat(((Map<?, ?>) goal.details().get("sparsest_trial")).get("trial")).isEqualTo(4);
    }

    @Test
    void unstructuredIsNotMetBelowTwelveTimesNorWithoutACandidate() {
        Goal tooSmall = CompressionGoals.unstructured(List.of(dense(0, 0.89, 0.2),
                trial(1, "magnitude", 0.9, "fp32", 0.889, 33_000, 0.2, 1)));
        assertThat(tooSmall.met()).isFalse();
        assertThat(tooSmall.checks().get(0).measured()).isEqualTo(10.0);
        Goal none = CompressionGoals.unstructured(List.of(dense(0, 0.89, 0.2),
                trial(1, "magnitude", 0.95, "fp32", 0.85, 16_500, 0.2, 1)));
        assertThat(none.met()).isFalse();
        assertThat(none.checks().get(0).measured()).isNull();
        assertThat(CompressionGoals.unstructured(List.of()).met()).isFalse();
    }

    @Test
    void structuredTakesTheFastestWithinOnePoint() {
        List<ScoredTrial> trials = List.of(
                dense(0, 0.895, 0.60),
                trial(1, "structured", 0.5, "fp32", 0.893, 500_000, 0.30, 1),   // 2x
                trial(2, "structured", 0.75, "fp32", 0.886, 130_000, 0.15, 1),  // 4x, 0.9 below
                trial(3, "structured", 0.9, "fp32", 0.870, 30_000, 0.06, 1));   // 10x, 2.5 below: too far
        Goal goal = CompressionGoals.structured(trials);
        assertThat(goal.details().get("chosen_trial")).isEqualTo(2);
        assertThat(goal.checks().get(0).measured()).isEqualTo(4.0);
        assertThat(goal.checks().get(1).measured()).isEqualTo(0.9);
        assertThat(goal.met()).isTrue();
        assertThat(CompressionGoals.structured(trials.subList(0, 2)).met()).isFalse(); // 2x < 3x
    }

    @Test
    void int8ComparesSizeAndAccuracyWithTheDenseFp32Trial() {
        ScoredTrial fp32 = dense(0, 0.890, 0.2);
        ScoredTrial int8 = trial(1, "none", null, "int8", 0.887, 330_000, 0.2, 300_000);
        Goal goal = CompressionGoals.int8(List.of(fp32, int8), "fp32 (dequantized int8 weights)");
        assertThat(goal.checks()).extracting(Check::measured).containsExactly(4.0, 0.3);
        assertThat(goal.met()).isTrue();
        assertThat(goal.details().get("int8_compute_precision")).isEqualTo("fp32 (dequantized int8 weights)");
        ScoredTrial worse = trial(1, "none", null, "int8", 0.880, 330_000, 0.2, 300_000);
        assertThat(CompressionGoals.int8(List.of(fp32, worse), null).met()).isFalse(); // 1 point lower
        assertThat(CompressionGoals.int8(List.of(fp32), null).met()).isFalse();
    }

    @Test
    void cnnTakesTheBestTestAccuracyUnderTheNonzeroLimit() {
        List<ScoredTrial> trials = List.of(
                trial(0, "none", null, "fp32", 0.93, 150_000, 1, 1),   // too many weights
                trial(1, "magnitude", 0.5, "fp32", 0.912, 75_000, 1, 1),
                trial(2, "none", null, "fp32", 0.905, 60_000, 1, 1));
        Goal goal = CompressionGoals.cnn(trials);
        assertThat(goal.checks().get(0).measured()).isEqualTo(0.912);
        assertThat(goal.met()).isTrue();
        assertThat(CompressionGoals.cnn(trials.subList(2, 3)).met()).isFalse();
    }

    @Test
    void frontComparesMedianHypervolumesOverSeeds() {
        // Normalized: accuracy 0.70..0.95 linear, non-zero weights 1e6..1e3 log.
        ScoredTrial good = trial(0, "magnitude", 0.9, "fp32", 0.90, 10_000, 1, 1);   // (0.8, 2/3)
        ScoredTrial dense = trial(1, "none", null, "fp32", 0.95, 1_000_000, 1, 1);  // (1, 0): adds nothing
        ScoredTrial poor = trial(2, "none", null, "fp32", 0.80, 100_000, 1, 1);     // (0.4, 1/3)
        assertThat(FrontHypervolume.of(List.of(good, dense))).isCloseTo(0.8 * 2 / 3, within(1e-9));
        assertThat(FrontHypervolume.of(List.of(good, poor))).isCloseTo(0.8 * 2 / 3, within(1e-9)); // dominated
        Goal goal = CompressionGoals.front("motpe",
                Map.of(1L, List.of(good), 2L, List.of(poor), 3L, List.of(good)),
                Map.of(1L, List.of(poor), 2L, List.of(good), 3L, List.of(poor)));
        assertThat(goal.details().get("seeds_won_by_motpe")).isEqualTo("2 of 3");
        assertThat(goal.checks().get(0).measured()).isCloseTo(0.5333 - 0.1333, within(1e-4));
        assertThat(goal.met()).isTrue();
        Goal tie = CompressionGoals.front("motpe", Map.of(1L, List.of(good)), Map.of(1L, List.of(good)));
        assertThat(tie.met()).isFalse(); // higher means strictly higher
    }

    @Test
    void twoDimensionalHypervolumeOfAStaircase() {
        // Points (0.9, 0.2), (0.5, 0.6), (0.2, 0.9): 0.9·0.2 + 0.5·0.4 + 0.2·0.3 = 0.44
        assertThat(FrontHypervolume.area(List.of(new double[]{0.5, 0.6}, new double[]{0.2, 0.9},
                new double[]{0.9, 0.2}))).isCloseTo(0.44, within(1e-12));
        assertThat(FrontHypervolume.area(List.of())).isZero();
        assertThat(FrontHypervolume.sizeScore(1e3)).isEqualTo(1.0);
        assertThat(FrontHypervolume.sizeScore(1e7)).isEqualTo(0.0);
        assertThat(FrontHypervolume.accuracyScore(0.5)).isEqualTo(0.0);
    }

    @Test
    void peerHoldsParetuneWithinThreeTenthsOfAPointUpToNinetyFivePercent() {
        List<ScoredTrial> trials = List.of(
                dense(0, 0.890, 0.2),
                trial(1, "magnitude", 0.9, "fp32", 0.888, 33_000, 0.2, 1),
                trial(2, "magnitude", 0.95, "fp32", 0.884, 16_500, 0.2, 1),
                trial(3, "magnitude", 0.97, "fp32", 0.850, 10_000, 0.2, 1),   // beyond 95 %: shown, not judged
                trial(4, "gradual", 0.95, "fp32", 0.70, 16_500, 0.2, 1));     // gradual is not the peer's method
        Map<Double, Double> torch = Map.of(0.0, 0.889, 0.9, 0.889, 0.95, 0.886, 0.97, 0.880);
        Goal goal = CompressionGoals.peer(List.of(trials), List.of(torch));
        assertThat(goal.checks().get(0).measured()).isEqualTo(-0.2);
        assertThat(goal.met()).isTrue();
        Goal worse = CompressionGoals.peer(List.of(trials), List.of(Map.of(0.9, 0.893)));
        assertThat(worse.checks().get(0).measured()).isEqualTo(-0.5);
        assertThat(worse.met()).isFalse();
    }

    @Test
    void peerComparesMeansOverSeedsAndShowsEverySeed() {
        List<ScoredTrial> seedA = List.of(dense(0, 0.890, 0.2), trial(1, "magnitude", 0.8, "fp32", 0.884, 66_000, 0.2, 1));
        List<ScoredTrial> seedB = List.of(dense(0, 0.892, 0.2), trial(1, "magnitude", 0.8, "fp32", 0.890, 66_000, 0.2, 1));
        // PyTorch's first seed alone is 0.8 points ahead at 80 %; over two seeds each side the means differ by 0.2.
        List<Map<Double, Double>> torch = List.of(Map.of(0.0, 0.891, 0.8, 0.895), Map.of(0.0, 0.891, 0.8, 0.883));
        Goal single = CompressionGoals.peer(List.of(seedA), List.of(torch.get(0)));
        assertThat(single.checks().get(0).measured()).isEqualTo(-1.1);
        Goal goal = CompressionGoals.peer(List.of(seedA, seedB), torch);
        assertThat(goal.checks().get(0).measured()).isEqualTo(-0.2);
        assertThat(goal.met()).isTrue();
        assertThat(goal.details()).containsEntry("paretune_seeds", 2).containsEntry("pytorch_seeds", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) goal.details().get("side_by_side");
        Map<String, Object> at80 = rows.get(1);
        assertThat(at80).containsEntry("sparsity", 0.8).containsEntry("paretune_test_accuracy", 0.887)
                .containsEntry("pytorch_test_accuracy", 0.889);
        assertThat(at80.get("paretune_by_seed")).isEqualTo(List.of(0.884, 0.890));
        assertThat(at80.get("pytorch_by_seed")).isEqualTo(List.of(0.895, 0.883));
    }

    @Test
    void quickGoalsSayTheyAreQuick() {
        Goal goal = CompressionGoals.cnn(List.of(trial(0, "none", null, "fp32", 0.95, 50_000, 1, 1))).judgedQuick();
        assertThat(goal.quick()).isTrue();
        assertThat(goal.met()).isTrue();
        assertThat((String) goal.details().get("note")).contains("quick");
    }
}
