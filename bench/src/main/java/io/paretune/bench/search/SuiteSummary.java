package io.paretune.bench.search;

import io.paretune.bench.Stats;
import io.paretune.bench.search.functions.SuiteSplit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of the search benchmark: per function, each of Paretune's samplers against Optuna's counterpart and
 * against random search (Paretune's own, equal in distribution to Optuna's), with a paired test over the seeds; then
 * wins, ties and losses per half of the suite ({@link SuiteSplit}) and the goals on the held-out half.
 *
 * <p>A win (loss) is a regret significantly lower (higher) at the compared trial count: a two-sided Wilcoxon
 * signed-rank test over the seeds, paired by seed number, at {@link #ALPHA}; anything else is a tie, whatever the
 * medians say. Over 100 functions a 5 % test calls about five differences that chance made: the random-versus-random
 * rows show how many.
 */
final class SuiteSummary {

    static final double ALPHA = 0.05;
    static final String RANDOM = "random";
    /** Where each of Paretune's samplers is compared: with Optuna's counterpart, and with random search. */
    static final String VS_OPTUNA = "vs_optuna";
    static final String VS_RANDOM = "vs_random";

    private SuiteSummary() {
    }

    /** The summary of a run's {@code functions} (each entry with its {@code set} and {@code results}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Map<String, Object> functions, BenchSettings settings) {
        List<Map<String, Object>> comparisons = new ArrayList<>();
        // set -> sampler -> opponent -> {better, tie, worse}
        Map<String, Map<String, Map<String, int[]>>> tally = new LinkedHashMap<>();
        for (SuiteSplit.Half half : SuiteSplit.Half.values()) {
            tally.put(half.label, new LinkedHashMap<>());
        }
        for (Map.Entry<String, Object> f : functions.entrySet()) {
            Map<String, Object> entry = (Map<String, Object>) f.getValue();
            String set = (String) entry.get("set");
            Map<String, Object> results = (Map<String, Object>) entry.get("results");
            boolean comparable = !Boolean.FALSE.equals(entry.get("definitions_match"));
            for (String key : results.keySet()) {
                if (!key.startsWith(SearchBenchmark.PARETUNE)) {
                    continue;
                }
                String label = key.substring(SearchBenchmark.PARETUNE.length());
                Map<String, Object> mine = (Map<String, Object>) results.get(key);
                Map<String, String> opponents = new LinkedHashMap<>();
                opponents.put(VS_OPTUNA, SearchBenchmark.OPTUNA + SamplerChoice.optunaCounterpart(label));
                if (!label.equals(RANDOM)) {
                    opponents.put(VS_RANDOM, SearchBenchmark.PARETUNE + RANDOM);
                }
                for (Map.Entry<String, String> o : opponents.entrySet()) {
                    Map<String, Object> theirs = (Map<String, Object>) results.get(o.getValue());
                    if (theirs == null || (o.getKey().equals(VS_OPTUNA) && !comparable)) {
                        continue;
                    }
                    Map<String, Object> c = compare(mine, theirs, settings);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("function", f.getKey());
                    row.put("set", set);
                    row.put("sampler", key);
                    row.put("against", o.getValue());
                    row.putAll(c);
                    comparisons.add(row);
                    int[] t = tally.get(set).computeIfAbsent(label, k -> new LinkedHashMap<>())
                            .computeIfAbsent(o.getKey(), k -> new int[3]);
                    Object verdict = ((Map<String, Object>) ((Map<String, Object>) c.get("at"))
                            .get(Integer.toString(settings.compareAt()))).get("verdict");
                    t["better".equals(verdict) ? 0 : "tie".equals(verdict) ? 1 : 2]++;
                }
            }
        }
        Map<String, Object> bySet = new LinkedHashMap<>();
        tally.forEach((set, samplers) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            samplers.forEach((label, opponents) -> {
                Map<String, Object> o = new LinkedHashMap<>();
                opponents.forEach((against, t) -> o.put(against, Map.of("better", t[0], "tie", t[1], "worse", t[2])));
                s.put(label, o);
            });
            bySet.put(set, s);
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("compared_at_trials", settings.compareAt());
        summary.put("verdict_rule", "better/worse: a two-sided Wilcoxon signed-rank test over the seeds (paired by seed "
                + "number) finds Paretune's regret lower/higher at " + Math.round(ALPHA * 100) + " %; else tie. "
                + "p_paretune_lower: chance that a Paretune seed ends with less regret than an opponent's seed (0.5: "
                + "no difference). vs_random is against Paretune's random sampler; random's own row against Optuna's "
                + "random shows how often the test finds a difference where there is none");
        summary.put("by_set", bySet);
        summary.put("goals", goals(tally));
        summary.put("comparisons", comparisons);
        if (comparisons.isEmpty()) {
            summary.put("note", "nothing to compare: no opponent ran");
        }
        return summary;
    }

    /**
     * Medians, their ratio, and the paired test at each reported trial count both sides have seeds for: 50, 100 and
     * 200 where run, and the compared one.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> compare(Map<String, Object> mine, Map<String, Object> theirs, BenchSettings settings) {
        Map<String, Object> at = new LinkedHashMap<>();
        Map<String, Object> mineBySeed = (Map<String, Object>) mine.getOrDefault("by_seed", Map.of());
        Map<String, Object> theirsBySeed = (Map<String, Object>) theirs.getOrDefault("by_seed", Map.of());
        for (int checkpoint : settings.checkpoints()) {
            String key = Integer.toString(checkpoint);
            if (!(mineBySeed.get(key) instanceof List<?> a) || !(theirsBySeed.get(key) instanceof List<?> b)
                    || a.size() != b.size() || a.isEmpty()) {
                continue;
            }
            double[] x = a.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            double[] y = b.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            double mx = Stats.percentile(x, 0.5);
            double my = Stats.percentile(y, 0.5);
            Stats.SignedRank test = Stats.wilcoxonSignedRank(x, y);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("median", Stats.significant(mx));
            row.put("opponent_median", Stats.significant(my));
            row.put("ratio", my == 0 ? (mx == 0 ? 1.0 : null) : Stats.significant(mx / my));
            row.put("p_paretune_lower", probabilityLower(x, y));
            row.put("wilcoxon_p", Stats.significant(test.p()));
            row.put("verdict", test.p() >= ALPHA ? "tie" : test.z() < 0 ? "better" : "worse");
            at.put(key, row);
        }
        return Map.of("at", at);
    }

    /** P(a Paretune seed's regret &lt; an opponent seed's), ties half (the Mann-Whitney U statistic, normalized). */
    static double probabilityLower(double[] paretune, double[] opponent) {
        double wins = 0;
        for (double p : paretune) {
            for (double o : opponent) {
                wins += p < o ? 1 : p == o ? 0.5 : 0;
            }
        }
        return Stats.round(wins / (paretune.length * (double) opponent.length), 3);
    }

    /**
     * The goals, judged on the held-out half for every sampler but random: no loss against Optuna, no loss against
     * random search, wins against Optuna on at least half the functions. The tuning half is shown beside, not judged.
     */
    private static List<Map<String, Object>> goals(Map<String, Map<String, Map<String, int[]>>> tally) {
        List<Map<String, Object>> out = new ArrayList<>();
        tally.forEach((set, samplers) -> samplers.forEach((label, opponents) -> {
            int[] optuna = opponents.get(VS_OPTUNA);
            int[] random = opponents.get(VS_RANDOM);
            if (label.equals(RANDOM) || !label.equals(SamplerChoice.optunaCounterpart(label))) {
                return; // random, and the aliases that re-implement Optuna, are checks, not contenders
            }
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("set", set);
            g.put("sampler", label);
            g.put("judged", set.equals(SuiteSplit.Half.HELD_OUT.label));
            if (optuna != null) {
                int n = optuna[0] + optuna[1] + optuna[2];
                g.put("never_worse_than_optuna", optuna[2] == 0);
                g.put("better_than_optuna_on_half", n > 0 && 2 * optuna[0] >= n);
            }
            if (random != null) {
                g.put("never_worse_than_random", random[2] == 0);
            }
            out.add(g);
        }));
        return out;
    }
}
