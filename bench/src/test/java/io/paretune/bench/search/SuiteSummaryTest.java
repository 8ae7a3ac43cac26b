package io.paretune.bench.search;

import io.paretune.bench.Stats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Verdicts by a paired test, tallied per half of the suite, and the goals judged on the held-out half only. */
class SuiteSummaryTest {

    private static final BenchSettings SETTINGS = SearchCommand.settings("--trials", "100", "--seeds", "20",
            "--functions", "branin", "--no-overhead");

    /** A result whose 20 seeds end at {@code base + i * step} after 50 and 100 trials. */
    private static Map<String, Object> result(double base, double step) {
        List<Double> seeds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            seeds.add(base + i * step);
        }
        return Map.of("by_seed", Map.of("50", seeds, "100", seeds));
    }

    private static Map<String, Object> function(String set, Map<String, Object> results) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("set", set);
        entry.put("results", results);
        return entry;
    }

    @Test
    @SuppressWarnings("unchecked")
    void winsTiesAndLossesPerHalfAgainstOptunaAndRandom() {
        Map<String, Object> functions = new LinkedHashMap<>();
        // Held out: better than Optuna, better than random; tie with Optuna, worse than random; worse than Optuna.
        functions.put("a", function("held-out", Map.of("paretune:tpe", result(1, 0.1), "optuna:tpe", result(2, 0.1),
                "paretune:random", result(5, 0.1))));
        functions.put("b", function("held-out", Map.of("paretune:tpe", result(3, 0.1), "optuna:tpe", result(3, 0.1),
                "paretune:random", result(1, 0.1))));
        functions.put("c", function("held-out", Map.of("paretune:tpe", result(4, 0.1), "optuna:tpe", result(1, 0.1))));
        functions.put("d", function("tuning", Map.of("paretune:tpe", result(1, 0.1), "optuna:tpe", result(9, 0.1))));
        Map<String, Object> summary = SuiteSummary.of(functions, SETTINGS);

        Map<String, Map<String, Map<String, Map<String, Integer>>>> bySet =
                (Map<String, Map<String, Map<String, Map<String, Integer>>>>) summary.get("by_set");
        assertThat(bySet.get("held-out").get("tpe").get("vs_optuna")).isEqualTo(Map.of("better", 1, "tie", 1, "worse", 1));
        assertThat(bySet.get("held-out").get("tpe").get("vs_random")).isEqualTo(Map.of("better", 1, "tie", 0, "worse", 1));
        assertThat(bySet.get("tuning").get("tpe").get("vs_optuna")).isEqualTo(Map.of("better", 1, "tie", 0, "worse", 0));

        List<Map<String, Object>> goals = (List<Map<String, Object>>) summary.get("goals");
        assertThat(goals).filteredOn(g -> g.get("set").equals("held-out")).singleElement().satisfies(g -> {
            assertThat(g).containsEntry("judged", true).containsEntry("never_worse_than_optuna", false)
                    .containsEntry("never_worse_than_random", false).containsEntry("better_than_optuna_on_half", false);
        });
        assertThat(goals).filteredOn(g -> g.get("set").equals("tuning")).singleElement()
                .satisfies(g -> assertThat(g).containsEntry("judged", false).containsEntry("never_worse_than_optuna", true));

        Map<String, Object> row = ((List<Map<String, Object>>) summary.get("comparisons")).get(0);
        assertThat(row).containsEntry("function", "a").containsEntry("sampler", "paretune:tpe").containsEntry("against", "optuna:tpe");
        Map<String, Map<String, Object>> at = (Map<String, Map<String, Object>>) row.get("at");
        assertThat(at).containsOnlyKeys("50", "100");
        assertThat(at.get("100")).containsEntry("verdict", "better").containsEntry("median", 1.95)
                .containsEntry("opponent_median", 2.95);
    }

    @Test
    void probabilityOfLowerRegretCountsTiesHalf() {
        assertThat(SuiteSummary.probabilityLower(new double[]{1, 2}, new double[]{3, 4})).isEqualTo(1.0);
        assertThat(SuiteSummary.probabilityLower(new double[]{3, 4}, new double[]{1, 2})).isEqualTo(0.0);
        assertThat(SuiteSummary.probabilityLower(new double[]{1, 3}, new double[]{1, 2})).isEqualTo(0.375);
    }

    @Test
    void wilcoxonSignedRankAsInTheTextbook() {
        // Wikipedia's worked example: 10 pairs, one zero difference, T+ = 27 of n = 9, two differences of 5 tied.
        double[] a = {125, 115, 130, 140, 140, 115, 140, 125, 140, 135};
        double[] b = {110, 122, 125, 120, 140, 124, 123, 137, 135, 145};
        Stats.SignedRank test = Stats.wilcoxonSignedRank(a, b);
        // z = (27 − 22.5) / √(71.25 − 6/48)
        assertThat(test.z()).isCloseTo(4.5 / Math.sqrt(71.125), within(1e-12));
        assertThat(test.p()).isCloseTo(0.5936, within(1e-3));

        // Twenty pairs all lower: z = −105 / √717.5, p ≈ 8.9e-5.
        double[] low = new double[20];
        double[] high = new double[20];
        for (int i = 0; i < 20; i++) {
            low[i] = i;
            high[i] = i + 1 + i * 0.01;
        }
        Stats.SignedRank all = Stats.wilcoxonSignedRank(low, high);
        assertThat(all.z()).isCloseTo(-105 / Math.sqrt(717.5), within(1e-12));
        assertThat(all.p()).isCloseTo(8.9e-5, within(2e-6));
        assertThat(Stats.wilcoxonSignedRank(low, low)).isEqualTo(new Stats.SignedRank(0, 1));
    }
}
