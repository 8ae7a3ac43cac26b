package io.paretune.bench.search;

import io.paretune.bench.BenchOutput;
import io.paretune.bench.search.functions.SuiteSplit;
import io.paretune.bench.search.functions.TestFunctions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code paretune bench search}: Paretune's samplers ({@link SearchBenchmark}, in-process) and Optuna's
 * ({@code bench/optuna_search.py} with Debian's Python) on the same functions, trial counts and seeds, merged into
 * one JSON object. Optuna's seeded results do not change between runs, so {@code --optuna-from} reuses an earlier
 * {@code optuna-*.json} instead of running Optuna again.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Search quality (regret on test functions) and ask overhead of Paretune's samplers beside "
                + "Optuna's; prints one JSON object and keeps it under --out (with Optuna's raw optuna-*.json)."})
public final class SearchCommand implements Callable<Integer> {

    static final int DEFAULT_TRIALS = 200;
    static final int DEFAULT_SEEDS = 20;
    static final List<Integer> DEFAULT_OVERHEAD_SIZES = List.of(100, 1000, 5000);

    @Option(names = "--quick", description = "30 trials x 3 seeds, overhead at 100 and 1000 trials with 5 asks (a "
            + "smoke run); the options below override it")
    boolean quick;

    @Option(names = "--trials", paramLabel = "N", description = "trials per campaign (default 200)")
    Integer trials;

    @Option(names = "--seeds", paramLabel = "K", description = "campaign seeds per sampler and function (default 20)")
    Integer seeds;

    @Option(names = "--seed-offset", paramLabel = "S", defaultValue = "0",
            description = "first seed: seeds are S .. S+K-1, on both sides (default 0)")
    int seedOffset;

    @Option(names = "--functions", split = ",", paramLabel = "F",
            description = "test functions (default: the whole suite, or the --set)")
    List<String> functions;

    @Option(names = "--set", paramLabel = "SET", description = {"only the functions of one half of the suite: tuning "
            + "(what defaults may be chosen on) or held-out (what they are judged on); with --functions, those of them "
            + "in the half"})
    String set;

    @Option(names = "--list-functions", description = "print the suite's functions with their half and exit")
    boolean listFunctions;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Optuna's side in N processes, a function each at a time (results do not depend on it; default 1)")
    int jobs;

    @Option(names = "--samplers", paramLabel = "S,...", defaultValue = SamplerChoice.DEFAULTS,
            description = {"NAME[:OPTION=VALUE...], comma-separated (default ${DEFAULT-VALUE}); aliases "
                    + "tpe-as-optuna, tpe-as-optuna-multivariate: Paretune's TPE with Optuna 3.1's choices, compared "
                    + "with Optuna's tpe and tpe-multivariate"})
    String samplers;

    @Option(names = "--overhead-history", split = ",", paramLabel = "N",
            description = "completed-trial counts the ask time is measured at (default 100,1000,5000)")
    List<Integer> overheadSizes;

    @Option(names = "--overhead-asks", paramLabel = "N", description = "timed asks per size (default 20)")
    Integer overheadAsks;

    @Option(names = "--overhead-warmup", paramLabel = "N", description = "warm-up asks before timing (default 100)")
    Integer overheadWarmup;

    @Option(names = "--overhead-untimed", paramLabel = "N", defaultValue = "3",
            description = {"untimed asks at each size before the timed ones; with few, the first asks at a larger "
                    + "size still run partly interpreted: e.g. 300 measures a long-running controller (default 3)"})
    int overheadUntimed;

    @Option(names = "--no-overhead", description = "measure no ask overhead")
    boolean noOverhead;

    @ArgGroup(exclusive = true)
    OptunaSource optuna = new OptunaSource();

    static final class OptunaSource {
        @Option(names = "--optuna-from", split = ",", paramLabel = "FILE", description = "merge the optuna-*.json of "
                + "earlier runs (same --trials, --seeds, --seed-offset; several files: runs over parts of the suite) "
                + "instead of running Optuna; its timings are then old")
        List<Path> from;

        @Option(names = "--no-optuna", description = "Paretune's side only")
        boolean none;
    }

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "the Python with Optuna 3.1 (Debian: apt-get install -y python3-optuna; default ${DEFAULT-VALUE})")
    Path python;

    @Mixin
    BenchOutput output;

    @Option(names = "--validate", description = "check the options and the samplers, run nothing")
    boolean validate;

    /** The settings a command line asks for (what the tests and {@link #call()} share). */
    public static BenchSettings settings(String... args) {
        SearchCommand command = new SearchCommand();
        try {
            new CommandLine(command).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return command.resolve();
    }

    /** The options, --quick's defaults where an option was not given, checked. */
    BenchSettings resolve() {
        int resolvedTrials = atLeastOne("--trials", trials != null ? trials : quick ? 30 : DEFAULT_TRIALS);
        int resolvedSeeds = atLeastOne("--seeds", seeds != null ? seeds : quick ? 3 : DEFAULT_SEEDS);
        if (seedOffset < 0) {
            throw new IllegalArgumentException("--seed-offset must not be negative, got " + seedOffset);
        }
        List<Integer> sizes = noOverhead ? List.of()
                : overheadSizes != null ? overheadSizes.stream().map(n -> atLeastOne("--overhead-history", n))
                .distinct().sorted().toList()
                : quick ? List.of(100, 1000) : DEFAULT_OVERHEAD_SIZES;
        int asks = atLeastOne("--overhead-asks", overheadAsks != null ? overheadAsks : quick ? 5 : 20);
        int warmup = notNegative("--overhead-warmup", overheadWarmup != null ? overheadWarmup : quick ? 20 : 100);
        notNegative("--overhead-untimed", overheadUntimed);
        List<Integer> checkpoints = BenchSettings.checkpoints(resolvedTrials);
        return new BenchSettings(resolvedTrials, resolvedSeeds, functionNames(), SamplerChoice.parseList(samplers),
                checkpoints, sizes, asks, warmup, overheadUntimed, List.of(), null,
                BenchSettings.compareAt(checkpoints, resolvedTrials), seedOffset);
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = resolve();
        if (listFunctions) {
            SuiteSplit split = SuiteSplit.ofRegistered();
            for (String name : settings.functions()) {
                output.out().printf("%-28s %s%n", name, split.of(name).label);
            }
            output.out().flush();
            return 0;
        }
        if (validate) {
            return 0;
        }
        settings = withOptuna(settings);
        System.err.println("==> Paretune's side: SearchBenchmark");
        output.publish("search", SearchBenchmark.run(settings, System.err, BenchOutput.version()));
        return 0;
    }

    /** Optuna's results, from the file given or from running Optuna now; or the reason there are none. */
    private BenchSettings withOptuna(BenchSettings settings) throws IOException, InterruptedException {
        if (optuna.from != null) {
            for (Path file : optuna.from) {
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--optuna-from: no file " + file);
                }
            }
            return settings.withOptuna(optuna.from, null);
        }
        if (optuna.none) {
            return settings.withOptuna(List.of(), "not run (--no-optuna)");
        }
        if (!Files.isExecutable(python) || run(List.of(python.toString(), "-c", "import optuna"), null) != 0) {
            String why = python + " cannot import optuna; install it with apt-get install -y python3-optuna";
            System.err.println("note: " + why + ": Paretune's side only");
            return settings.withOptuna(List.of(), why);
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), "bench/optuna_search.py"));
        command.addAll(optunaArgs(settings));
        if (jobs > 1) {
            command.addAll(List.of("--jobs", String.valueOf(jobs)));
        }
        System.err.println("==> Optuna's side: " + String.join(" ", command));
        Path file = output.file("optuna");
        Files.createDirectories(file.getParent());
        int status = run(command, file);
        if (status != 0) {
            Files.deleteIfExists(file);
            System.err.println("note: bench/optuna_search.py failed (exit " + status + "): Paretune's side only");
            return settings.withOptuna(List.of(), "bench/optuna_search.py failed with exit status " + status);
        }
        return settings.withOptuna(List.of(file), null);
    }

    /** The same functions, trials, seeds, samplers and overhead sizes, for {@code bench/optuna_search.py}. */
    static List<String> optunaArgs(BenchSettings s) {
        List<String> args = new ArrayList<>(List.of("--trials", String.valueOf(s.trials()),
                "--seeds", String.valueOf(s.seeds()), "--seed-offset", String.valueOf(s.seedOffset()),
                "--functions", String.join(",", s.functions()),
                "--samplers", String.join(",", s.samplers().stream().map(SamplerChoice::label).toList())));
        if (s.overheadSizes().isEmpty()) {
            args.add("--no-overhead");
        } else {
            args.addAll(List.of("--overhead-history", String.join(",", s.overheadSizes().stream().map(String::valueOf).toList()),
                    "--overhead-asks", String.valueOf(s.overheadAsks()),
                    "--overhead-warmup", String.valueOf(s.overheadWarmup())));
        }
        return args;
    }

    /** Runs a command, its stdout to {@code stdout} (null: discarded) and its stderr to ours; its exit status. */
    private static int run(List<String> command, Path stdout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stdout == null
                ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT);
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process process = builder.start();
        if (stdout == null && !process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.waitFor();
    }

    private List<String> functionNames() {
        List<String> names = TestFunctions.names();
        if (functions != null) {
            names = functions.stream().map(String::trim).filter(f -> !f.isEmpty()).distinct().toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("--functions: no function given; ./paretune bench search "
                        + "--list-functions lists them");
            }
            names.forEach(TestFunctions::byName);
        }
        if (set != null) {
            names = SuiteSplit.ofRegistered().select(names, SuiteSplit.Half.of(set));
            if (names.isEmpty()) {
                throw new IllegalArgumentException("--set " + set + ": none of the functions given is in that half");
            }
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        return names;
    }

    private static int atLeastOne(String option, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + n);
        }
        return n;
    }

    private static int notNegative(String option, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(option + " must not be negative, got " + n);
        }
        return n;
    }
}
