package io.paretune.controller.bench;

import io.paretune.controller.bench.functions.TestFunctions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one run of {@link SearchBenchmark} measures, from its command line.
 *
 * @param trials           trials per campaign (each seed is one campaign)
 * @param seeds            number of campaign seeds: seedOffset .. seedOffset+seeds-1
 * @param samplersExplicit whether {@code --samplers} was given: then a sampler whose class is missing is an
 *                         error, otherwise it is skipped with a note
 * @param checkpoints      trial counts the regret is reported at
 * @param overheadSizes    completed-trial counts the ask time is measured at; empty: no overhead measurement
 * @param overheadUntimed  untimed asks at each of those counts before its timed ones (default 3)
 * @param optunaResults    {@code bench/optuna_search.py}'s JSON to merge, or null
 * @param optunaMissing    why there are no Optuna results (printed in the notes), or null
 * @param compareAt        trial count of the Paretune-versus-Optuna summary
 * @param tieTolerance     relative difference of median regrets under which the summary calls it a tie
 * @param seedOffset       first campaign seed (default 0): another seed range checks that a change does not just
 *                         fit the default seeds
 */
public record BenchSettings(int trials, int seeds, List<String> functions, List<SamplerChoice> samplers,
                            boolean samplersExplicit, List<Integer> checkpoints, List<Integer> overheadSizes,
                            int overheadAsks, int overheadWarmup, int overheadUntimed, Path optunaResults,
                            String optunaMissing,
                            int compareAt, double tieTolerance, int seedOffset) {

    static final List<Integer> DEFAULT_CHECKPOINTS = List.of(10, 25, 50, 100, 200);
    static final int COMPARE_AT = 100;
    static final double TIE_TOLERANCE = 0.10;

    public static final String USAGE = """
            usage: SearchBenchmark [--quick] [--trials 200] [--seeds 20] [--seed-offset 0] [--functions branin,hartmann6,rosenbrock10,mixed]
                                   [--samplers random,tpe,tpe-as-optuna,tpe-as-optuna-multivariate] [--overhead-history 100,1000,5000]
                                   [--overhead-asks 20] [--overhead-warmup 100] [--overhead-untimed 3] [--no-overhead]
                                   [--optuna-results FILE | --optuna-missing REASON] [--validate]
              --quick            30 trials x 3 seeds, overhead at 100 and 1000 trials with 5 asks (a smoke run);
                                 options after it override it
              --seed-offset      first seed (seeds are seed-offset .. seed-offset+seeds-1); Optuna results merged
                                 must have been run with the same range
              --samplers         comma-separated NAME[:OPTION=VALUE...] (e.g. tpe:multivariate=false:nStartupTrials=20);
                                 aliases: tpe-as-optuna, tpe-as-optuna-multivariate (Paretune's TPE with Optuna 3.1's
                                 choices, compared with Optuna's tpe and tpe-multivariate); a sampler not on the
                                 classpath is skipped unless named here
              --overhead-untimed untimed asks at each history size before the timed ones; with few, the first
                                 asks at a larger size still run partly interpreted (the JIT recompiles what it
                                 compiled for the smaller one): e.g. 300 measures a long-running controller
              --validate         check the options and the samplers, run nothing
            """;

    public BenchSettings {
        functions = List.copyOf(functions);
        samplers = List.copyOf(samplers);
        checkpoints = List.copyOf(checkpoints);
        overheadSizes = List.copyOf(overheadSizes);
    }

    public static BenchSettings parse(String... args) {
        int trials = 200;
        int seeds = 20;
        int seedOffset = 0;
        List<String> functions = TestFunctions.names();
        String samplers = SamplerChoice.DEFAULTS;
        boolean samplersExplicit = false;
        List<Integer> overheadSizes = List.of(100, 1000, 5000);
        int overheadAsks = 20;
        int overheadWarmup = 100;
        int overheadUntimed = AskOverhead.UNTIMED_ASKS_PER_SIZE;
        Path optunaResults = null;
        String optunaMissing = null;
        if (Arrays.asList(args).contains("--quick")) {
            trials = 30;
            seeds = 3;
            overheadSizes = List.of(100, 1000);
            overheadAsks = 5;
            overheadWarmup = 20;
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick", "--validate" -> {
                }
                case "--trials" -> trials = positive(arg, value(args, ++i, arg));
                case "--seeds" -> seeds = positive(arg, value(args, ++i, arg));
                case "--seed-offset" -> seedOffset = nonNegative(arg, value(args, ++i, arg));
                case "--functions" -> functions = functionList(value(args, ++i, arg));
                case "--samplers" -> {
                    samplers = value(args, ++i, arg);
                    samplersExplicit = true;
                }
                case "--overhead-history" -> overheadSizes = intList(arg, value(args, ++i, arg));
                case "--overhead-asks" -> overheadAsks = positive(arg, value(args, ++i, arg));
                case "--overhead-warmup" -> overheadWarmup = nonNegative(arg, value(args, ++i, arg));
                case "--overhead-untimed" -> overheadUntimed = nonNegative(arg, value(args, ++i, arg));
                case "--no-overhead" -> overheadSizes = List.of();
                case "--optuna-results" -> optunaResults = Path.of(value(args, ++i, arg));
                case "--optuna-missing" -> optunaMissing = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        int finalTrials = trials;
        List<Integer> checkpoints = new ArrayList<>(DEFAULT_CHECKPOINTS.stream().filter(c -> c <= finalTrials).toList());
        if (!checkpoints.contains(trials)) {
            checkpoints.add(trials);
        }
        int compareAt = checkpoints.stream().filter(c -> c <= COMPARE_AT).mapToInt(Integer::intValue).max().orElse(trials);
        return new BenchSettings(trials, seeds, functions, SamplerChoice.parseList(samplers), samplersExplicit,
                checkpoints, overheadSizes, overheadAsks, overheadWarmup, overheadUntimed, optunaResults, optunaMissing,
                compareAt,
                TIE_TOLERANCE, seedOffset);
    }

    /** The campaign seeds, seedOffset .. seedOffset+seeds-1 (Optuna's side uses the same numbers as its samplers' seeds). */
    public long[] seedValues() {
        return IntStream.range(seedOffset, seedOffset + seeds).asLongStream().toArray();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String text) {
        int n = integer(option, text);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + n);
        }
        return n;
    }

    private static int nonNegative(String option, String text) {
        int n = integer(option, text);
        if (n < 0) {
            throw new IllegalArgumentException(option + " must not be negative, got " + n);
        }
        return n;
    }

    private static int integer(String option, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, got '" + text + "'");
        }
    }

    private static List<Integer> intList(String option, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                values.add(positive(option, part));
            }
        }
        return values.stream().distinct().sorted().toList();
    }

    private static List<String> functionList(String text) {
        List<String> names = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                TestFunctions.byName(part.trim());
                names.add(part.trim());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--functions: no function given; known: " + String.join(", ", TestFunctions.names()));
        }
        return names.stream().distinct().toList();
    }
}
