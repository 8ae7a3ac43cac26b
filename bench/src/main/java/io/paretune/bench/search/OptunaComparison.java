package io.paretune.bench.search;

import io.paretune.bench.search.functions.TestFunctions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts {@code bench/optuna_search.py}'s results beside Paretune's ({@code optuna:tpe} next to {@code paretune:tpe}),
 * checking both sides ran the same functions, trials and seeds, and judges TPE's ask time ({@link SuiteSummary} judges
 * the regrets).
 */
final class OptunaComparison {

    /** The goals for TPE's ask time: median at most 1 ms after 1,000 trials, at most 5 ms after 5,000. */
    static final Map<Integer, Double> OVERHEAD_GOALS_MS = Map.of(1000, 1.0, 5000, 5.0);
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
                continue; // another file may have it; notMerged names those none had
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

    /** A note for each function no Optuna file had: its comparison with Optuna is missing, not a tie. */
    @SuppressWarnings("unchecked")
    static void noteNotMerged(Map<String, Object> out) {
        List<String> notes = (List<String>) out.get("notes");
        ((Map<String, Object>) out.get("functions")).forEach((name, entry) -> {
            Map<String, Object> results = (Map<String, Object>) ((Map<String, Object>) entry).get("results");
            if (results.keySet().stream().noneMatch(k -> k.startsWith(SearchBenchmark.OPTUNA))) {
                notes.add("Optuna did not run " + name);
            }
        });
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

    /** The ask-time goals of every {@code tpe} sampler run, at the history sizes measured. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> overheadGoals(Map<String, Object> overhead, BenchSettings settings) {
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
                g.put("met", median <= goal.getValue());
                out.add(g);
            }
        }
        return out;
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
