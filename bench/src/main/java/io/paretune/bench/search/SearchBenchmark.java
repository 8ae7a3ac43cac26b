package io.paretune.bench.search;

import io.paretune.bench.MachineFacts;
import io.paretune.bench.Stats;
import io.paretune.bench.search.functions.SuiteSplit;
import io.paretune.bench.search.functions.TestFunction;
import io.paretune.bench.search.functions.TestFunctions;
import io.paretune.contract.messaging.Json;
import io.paretune.controller.search.Sampler;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search quality and ask overhead of Paretune's samplers, run in-process through the {@link Sampler} seam (no
 * Quarkus, no database), optionally merged with {@code bench/optuna_search.py}'s results for Optuna on the same
 * functions, trial counts and seeds. Prints one JSON object on stdout; progress goes to stderr.
 * {@code ./paretune bench search} runs both sides and saves the JSON under {@code .paretune/bench/}.
 *
 * <p>Quality: each sampler on each {@link TestFunctions test function}, one campaign per seed 0..K-1 with trials
 * asked one at a time; the best-so-far regret's median and interquartile range over the seeds at 10, 25, 50, 100
 * and 200 trials. Overhead: {@link AskOverhead}.
 *
 * <pre>
 * ./paretune bench search --quick          # = java -jar bench/target/paretune-bench.jar search --quick
 * </pre>
 */
public final class SearchBenchmark {

    /** Prefix of this side's sampler labels in the results ({@code paretune:tpe}); Optuna's are {@code optuna:}. */
    public static final String PARETUNE = "paretune:";
    public static final String OPTUNA = "optuna:";
    /** Rounds of ask-time measurements, every sampler once a round, in order; the last is reported. */
    static final int OVERHEAD_ROUNDS = 2;

    private SearchBenchmark() {
    }

    /** {@link #run(BenchSettings, PrintStream, String)} of an unnamed version. */
    public static Map<String, Object> run(BenchSettings settings, PrintStream log) throws IOException {
        return run(settings, log, "unknown");
    }

    /**
     * The whole benchmark as a JSON-ready map; {@code log} gets one line per sampler and function.
     *
     * @param version what is measured ({@link io.paretune.bench.BenchOutput#version()}), reported with the results
     */
    public static Map<String, Object> run(BenchSettings settings, PrintStream log, String version) throws IOException {
        Instant started = Instant.now();
        List<String> notes = new ArrayList<>();
        Map<String, Sampler> samplers = new LinkedHashMap<>();
        settings.samplers().forEach(c -> samplers.put(PARETUNE + c.label(), c.sampler()));
        Map<String, Map<String, Object>> options = new LinkedHashMap<>();
        settings.samplers().forEach(c -> options.put(PARETUNE + c.label(), c.options()));

        Map<String, Object> functions = new LinkedHashMap<>();
        SuiteSplit split = SuiteSplit.ofRegistered();
        for (String name : settings.functions()) {
            TestFunction function = TestFunctions.byName(name);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("set", split.of(name).label);
            entry.put("description", function.description());
            entry.put("noise_sd", function.noiseSd());
            entry.put("dimensions", function.space().parameters().size());
            entry.put("optimum", function.optimum());
            entry.put("argmin", new java.util.TreeMap<>(function.argmin()));
            Map<String, Object> results = new LinkedHashMap<>();
            for (Map.Entry<String, Sampler> s : samplers.entrySet()) {
                long start = System.nanoTime();
                double[][] curves = new double[settings.seeds()][];
                long[] seeds = settings.seedValues();
                for (int i = 0; i < seeds.length; i++) {
                    curves[i] = RegretCurves.run(s.getValue(), options.get(s.getKey()), function, seeds[i], settings.trials());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                results.put(s.getKey(), regretTable(curves, settings, seconds));
                log.printf("%-14s %-28s %7.1f s%n", name, s.getKey(), seconds);
            }
            entry.put("results", results);
            functions.put(name, entry);
        }

        Map<String, Object> overhead = new LinkedHashMap<>();
        // The samplers share the estimator code, which the JIT compiles while the first of them is timed: one
        // round alone made whichever came later up to twice as fast. Only the last round is kept, every sampler
        // having by then run as often as the others.
        for (int round = 0; round < OVERHEAD_ROUNDS && !settings.overheadSizes().isEmpty(); round++) {
            for (Map.Entry<String, Sampler> s : samplers.entrySet()) {
                long start = System.nanoTime();
                overhead.put(s.getKey(), AskOverhead.measure(s.getValue(), options.get(s.getKey()),
                        settings.overheadSizes(), settings.overheadAsks(), settings.overheadWarmup(),
                        settings.overheadUntimed()));
                log.printf("overhead %d     %-28s %7.1f s%n", round + 1, s.getKey(), (System.nanoTime() - start) / 1e9);
            }
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "search");
        out.put("date", started.toString());
        out.put("machine", machine());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        versions.put("paretune", version);
        out.put("versions", versions);
        out.put("settings", settingsJson(settings, options));
        out.put("functions", functions);
        out.put("overhead", overhead);
        out.put("notes", notes);

        if (!settings.optunaResults().isEmpty()) {
            for (java.nio.file.Path file : settings.optunaResults()) {
                Map<String, Object> optuna;
                try {
                    optuna = Json.mapper().readValue(file.toFile(), Map.class);
                } catch (IOException e) {
                    throw new IllegalArgumentException("--optuna-from " + file + ": " + e.getMessage());
                }
                OptunaComparison.merge(out, optuna, settings);
            }
            OptunaComparison.noteNotMerged(out);
            out.put("optuna_results_files", settings.optunaResults().stream().map(Object::toString).toList());
        } else {
            versions.put("optuna", null);
            notes.add("no Optuna results: " + (settings.optunaMissing() != null ? settings.optunaMissing()
                    : "run through ./paretune bench search to compare with Optuna"));
        }
        Map<String, Object> summary = SuiteSummary.of(functions, settings);
        summary.put("overhead_goals", OptunaComparison.overheadGoals(overhead, settings));
        out.put("summary", summary);
        out.put("wall_seconds", Stats.round((Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0, 1));
        return out;
    }

    /** Median and IQR of the regret over seeds at each checkpoint, and each seed's regret there (for paired tests). */
    static Map<String, Object> regretTable(double[][] curves, BenchSettings settings, double seconds) {
        Map<String, Object> regret = new LinkedHashMap<>();
        Map<String, Object> bySeed = new LinkedHashMap<>();
        for (int checkpoint : settings.checkpoints()) {
            regret.put(Integer.toString(checkpoint), Stats.medianAndIqr(at(curves, checkpoint)));
            bySeed.put(Integer.toString(checkpoint),
                    java.util.Arrays.stream(at(curves, checkpoint)).map(Stats::significant).boxed().toList());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("regret", regret);
        out.put("by_seed", bySeed);
        out.put("seconds", Stats.round(seconds, 2));
        return out;
    }

    /** Every seed's best-so-far regret after {@code trials} trials. */
    static double[] at(double[][] curves, int trials) {
        double[] values = new double[curves.length];
        for (int i = 0; i < curves.length; i++) {
            values[i] = curves[i][trials - 1];
        }
        return values;
    }

    private static Map<String, Object> settingsJson(BenchSettings s, Map<String, Map<String, Object>> options) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trials", s.trials());
        out.put("seeds", s.seeds());
        out.put("seed_offset", s.seedOffset());
        out.put("seed_values", s.seedOffset() + ".." + (s.seedOffset() + s.seeds() - 1) + " (Paretune: the campaign seed; Optuna: the sampler's seed)");
        out.put("checkpoints", s.checkpoints());
        out.put("functions", s.functions());
        Map<String, Object> samplers = new LinkedHashMap<>();
        options.forEach((label, o) -> samplers.put(label, Map.of("options", o)));
        out.put("samplers", samplers);
        out.put("regret", "best value so far minus the known optimum (clamped at 0), sequential trials (maxParallel 1); "
                + "with noise, the noise-free value of the trial with the best observed value; median and interquartile "
                + "range (p25, p75) over seeds, percentiles interpolated linearly as numpy");
        SuiteSplit split = SuiteSplit.ofRegistered();
        out.put("split", Map.of("rule", "BBOB: odd function ids tune, even ones are held out; branin, hartmann6, "
                        + "rosenbrock10 and mixed (the earlier defaults' functions) tune; every other family (name without "
                        + "noisy-, -dN or trailing digits) alternates in alphabetical order, the first tuning; a noisy "
                        + "variant goes with its function",
                "families_in_order", split.families()));
        Map<String, Object> overhead = new LinkedHashMap<>();
        overhead.put("history", s.overheadSizes());
        overhead.put("asks", s.overheadAsks());
        overhead.put("warmup_asks", s.overheadWarmup());
        overhead.put("untimed_asks_per_size", s.overheadUntimed());
        overhead.put("rounds", OVERHEAD_ROUNDS + " (every sampler measured once a round in the order given; the last "
                + "round reported, so the order does not favour the samplers timed after the JIT has warmed)");
        overhead.put("what", "time for one ask proposing all 10 parameters (3 log floats, 3 floats, an int, a log int, "
                + "2 categoricals) after N completed trials at random points valued by a smooth function; "
                + "median, p95 and mean in ms");
        out.put("overhead", overhead);
        out.put("compare_at_trials", s.compareAt());
        return out;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", MachineFacts.cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("load_average_at_start", MachineFacts.loadAverage());
        return m;
    }
}
