package io.paretune.bench.search;

import io.paretune.bench.Stats;
import io.paretune.bench.search.functions.TestFunctions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts {@code bench/optuna_search.py}'s results beside Paretune's ({@code optuna:tpe} next to {@code paretune:tpe})
 * and sums up the comparison: per function, the median regret at {@link BenchSettings#compareAt()} trials of each
 * sampler both sides have, with a verdict, and the overhead goals for TPE.
 */
final class OptunaComparison {

    /** The goals for TPE's ask time: median under 2 ms after 1,000 trials, under 10 ms after 5,000. */
    static final Map<Integer, Double> OVERHEAD_GOALS_MS = Map.of(1000, 2.0, 5000, 10.0);
    private static final double PROBE_TOLERANCE = 1e-9;

    private OptunaComparison() {
    }

    /** Adds Optuna's results, overhead, versions and notes to {@code out}, checking they were run alike. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> out, Map<String, Object> optuna, BenchSettings settings) {
        Map<String, Object> theirSettings = map(optuna.get("settings"), "settings");
        if (number(theirSettings.get("trials")) != settings.trials() || number(theirSettings.get("seeds")) != settings.seeds()) {
            throw new IllegalArgumentException("the Optuna results were run with " + theirSettings.get("trials")
                    + " trials x " + theirSettings.get("seeds") + " seeds, this run has " + settings.trials() + " x "
                    + settings.seeds());
        }
        // Results from before --seed-offset existed have no seed_offset: they ran seeds from 0.
        Object theirOffset = theirSettings.getOrDefault("seed_offset", 0);
        if (number(theirOffset) != settings.seedOffset()) {
            throw new IllegalArgumentException("the Optuna results were run from seed " + theirOffset
                    + ", this run starts at seed " + settings.seedOffset() + " (--seed-offset)");
        }
        Map<String, Object> versions = (Map<String, Object>) out.get("versions");
        Map<String, Object> theirVersions = map(optuna.get("versions"), "versions");
        versions.put("optuna", theirVersions.get("optuna"));
        versions.put("python", theirVersions.get("python"));
        versions.put("numpy", theirVersions.get("numpy"));
        List<String> notes = (List<String>) out.get("notes");

        Map<String, Object> functions = (Map<String, Object>) out.get("functions");
        Map<String, Object> theirFunctions = map(optuna.get("functions"), "functions");
        Map<String, Object> theirProbes = map(optuna.getOrDefault("probes", Map.of()), "probes");
        for (Map.Entry<String, Object> f : functions.entrySet()) {
            Map<String, Object> entry = (Map<String, Object>) f.getValue();
            Object theirs = theirFunctions.get(f.getKey());
            if (theirs == null) {
                notes.add("Optuna did not run " + f.getKey());
                continue;
            }
            Map<String, Object> results = (Map<String, Object>) entry.get("results");
            map(theirs, "functions." + f.getKey()).forEach((label, r) -> results.put(SearchBenchmark.OPTUNA + label, r));
            boolean match = probesMatch(TestFunctions.probes(TestFunctions.byName(f.getKey())),
                    map(theirProbes.getOrDefault(f.getKey(), Map.of()), "probes." + f.getKey()));
            entry.put("definitions_match", match);
            if (!match) {
                notes.add("DEFINITIONS DIFFER: " + f.getKey() + " gives other values in bench/optuna_search.py than in "
                        + "Java (probes " + theirProbes.get(f.getKey()) + " vs "
                        + TestFunctions.probes(TestFunctions.byName(f.getKey())) + "); its comparison is void");
            }
        }
        Map<String, Object> overhead = (Map<String, Object>) out.get("overhead");
        map(optuna.getOrDefault("overhead", Map.of()), "overhead")
                .forEach((label, o) -> overhead.put(SearchBenchmark.OPTUNA + label, o));
        for (Object note : (List<Object>) optuna.getOrDefault("notes", List.of())) {
            notes.add("optuna: " + note);
        }
        out.put("optuna_wall_seconds", optuna.get("wall_seconds"));
    }

    /** Whether the four probe values agree (relative tolerance 1e-9). */
    static boolean probesMatch(Map<String, Double> ours, Map<String, Object> theirs) {
        if (!theirs.keySet().equals(ours.keySet())) {
            return false;
        }
        for (Map.Entry<String, Double> e : ours.entrySet()) {
            double a = e.getValue();
            double b = number(theirs.get(e.getKey()));
            if (Math.abs(a - b) > PROBE_TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per function, every sampler both sides ran (the same label after the prefix, or the Optuna counterpart of a
     * {@link SamplerChoice#OPTUNA_COUNTERPARTS} alias): median regrets at the compared
     * trial count, their ratio, the chance that a Paretune seed ends lower than an Optuna seed (ties count half),
     * and a verdict: {@code better} / {@code worse} when the medians differ by more than the tie tolerance
     * (relative), else {@code tie}. Then per sampler a tally against the goal (no function worse), and the overhead goals.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> summary(Map<String, Object> out, BenchSettings settings) {
        String at = Integer.toString(settings.compareAt());
        List<Map<String, Object>> comparisons = new ArrayList<>();
        Map<String, int[]> tally = new LinkedHashMap<>(); // label -> better, tie, worse, significantly better, worse
        Map<String, Object> functions = (Map<String, Object>) out.get("functions");
        for (Map.Entry<String, Object> f : functions.entrySet()) {
            Map<String, Object> entry = (Map<String, Object>) f.getValue();
            Map<String, Object> results = (Map<String, Object>) entry.get("results");
            boolean comparable = !Boolean.FALSE.equals(entry.get("definitions_match"));
            for (String key : results.keySet()) {
                if (!key.startsWith(SearchBenchmark.PARETUNE)) {
                    continue;
                }
                String label = key.substring(SearchBenchmark.PARETUNE.length());
                String counterpart = SamplerChoice.optunaCounterpart(label);
                Object theirs = results.get(SearchBenchmark.OPTUNA + counterpart);
                if (theirs == null) {
                    continue;
                }
                Map<String, Object> mine = (Map<String, Object>) results.get(key);
                double p = median(mine, at);
                double o = median((Map<String, Object>) theirs, at);
                String verdict = comparable ? verdict(p, o, settings.tieTolerance()) : "not comparable";
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("function", f.getKey());
                c.put("sampler", label);
                if (!counterpart.equals(label)) {
                    c.put("optuna_sampler", counterpart);
                }
                c.put("paretune_median", p);
                c.put("optuna_median", o);
                c.put("ratio", o == 0 ? (p == 0 ? 1.0 : null) : Stats.significant(p / o));
                List<Double> mineBySeed = bySeed(mine, at);
                List<Double> theirsBySeed = bySeed((Map<String, Object>) theirs, at);
                Double lower = probabilityLower(mineBySeed, theirsBySeed);
                c.put("p_paretune_lower", lower);
                c.put("significant", lower == null ? null : significant(lower, mineBySeed.size(), theirsBySeed.size()));
                c.put("verdict", verdict);
                comparisons.add(c);
                int[] t = tally.computeIfAbsent(label, k -> new int[5]);
                boolean significant = Boolean.TRUE.equals(c.get("significant"));
                switch (verdict) {
                    case "better" -> {
                        t[0]++;
                        t[3] += significant ? 1 : 0;
                    }
                    case "tie" -> t[1]++;
                    case "worse" -> {
                        t[2]++;
                        t[4] += significant ? 1 : 0;
                    }
                    default -> {
                    }
                }
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("compared_at_trials", settings.compareAt());
        summary.put("verdict_rule", "better/worse: Paretune's median regret below/above Optuna's by more than "
                + Math.round(settings.tieTolerance() * 100) + " % (relative), else tie; p_paretune_lower: chance that "
                + "a Paretune seed ends with less regret than an Optuna seed (0.5: no difference); significant: a two-sided "
                + "Mann-Whitney U test at 5 % tells the seeds apart. The random-versus-random rows, two samplers "
                + "equal in distribution, show how far medians over this many seeds move by chance alone");
        summary.put("comparisons", comparisons);
        Map<String, Object> goals = new LinkedHashMap<>();
        tally.forEach((label, t) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("better", t[0]);
            g.put("tie", t[1]);
            g.put("worse", t[2]);
            g.put("significantly_better", t[3]);
            g.put("significantly_worse", t[4]);
            int n = t[0] + t[1] + t[2];
            String counterpart = SamplerChoice.optunaCounterpart(label);
            if (!counterpart.equals(label)) {
                g.put("check", "Optuna's own settings in Paretune against Optuna's " + counterpart
                        + ": ties expected, a difference is the implementations'");
            } else if (!label.equals("random")) {
                g.put("goal", "no worse than Optuna's " + label + " on every function, better on most");
                g.put("goal_met", n > 0 && t[2] == 0 && t[0] * 2 > n);
            }
            goals.put(label, g);
        });
        summary.put("by_sampler", goals);
        summary.put("overhead_goals", overheadGoals((Map<String, Object>) out.get("overhead"), settings));
        if (comparisons.isEmpty()) {
            summary.put("note", "nothing to compare: no sampler ran on both sides");
        }
        return summary;
    }

    static String verdict(double paretune, double optuna, double tolerance) {
        if (paretune <= 1e-12 && optuna <= 1e-12) {
            return "tie";
        }
        if (paretune < optuna * (1 - tolerance)) {
            return "better";
        }
        if (paretune > optuna * (1 + tolerance)) {
            return "worse";
        }
        return "tie";
    }

    /** P(a Paretune seed's regret &lt; an Optuna seed's), ties half (the Mann-Whitney U statistic, normalized). */
    static Double probabilityLower(List<Double> paretune, List<Double> optuna) {
        if (paretune.isEmpty() || optuna.isEmpty()) {
            return null;
        }
        double wins = 0;
        for (double p : paretune) {
            for (double o : optuna) {
                wins += p < o ? 1 : p == o ? 0.5 : 0;
            }
        }
        return Stats.round(wins / (paretune.size() * (double) optuna.size()), 3);
    }

    /**
     * Whether the Mann-Whitney U test (normal approximation, two-sided, 5 %) tells the two sets of seeds apart, given
     * {@link #probabilityLower} (= U / nm): with 20 seeds a side, below 0.32 or above 0.68.
     */
    static boolean significant(double probabilityLower, int n, int m) {
        double z = (probabilityLower - 0.5) * n * m / Math.sqrt(n * (double) m * (n + m + 1) / 12.0);
        return Math.abs(z) > 1.96;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> overheadGoals(Map<String, Object> overhead, BenchSettings settings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SamplerChoice choice : settings.samplers()) {
            Object rows = overhead.get(SearchBenchmark.PARETUNE + choice.label());
            if (!"tpe".equals(choice.name()) || rows == null) {
                continue;
            }
            for (Map.Entry<Integer, Double> goal : new java.util.TreeMap<>(OVERHEAD_GOALS_MS).entrySet()) {
                Object row = ((Map<String, Object>) rows).get(Integer.toString(goal.getKey()));
                if (row == null) {
                    continue;
                }
                double median = number(((Map<String, Object>) row).get("median_ms"));
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("sampler", SearchBenchmark.PARETUNE + choice.label());
                g.put("history", goal.getKey());
                g.put("median_ms", median);
                g.put("goal_ms", goal.getValue());
                g.put("met", median < goal.getValue());
                out.add(g);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static double median(Map<String, Object> result, String at) {
        Map<String, Object> regret = map(result.get("regret"), "regret");
        return number(map(regret.get(at), "regret." + at).get("median"));
    }

    @SuppressWarnings("unchecked")
    private static List<Double> bySeed(Map<String, Object> result, String at) {
        Object values = map(result.getOrDefault("by_seed", Map.of()), "by_seed").get(at);
        if (!(values instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(OptunaComparison::number).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("results: '" + what + "' is missing or not an object");
        }
        return (Map<String, Object>) m;
    }

    private static double number(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("results: expected a number, got " + value);
        }
        return n.doubleValue();
    }
}
