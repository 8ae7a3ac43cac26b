package io.paretune.bench.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one run of {@link SearchBenchmark} measures, as {@link SearchCommand} resolved it from the command line.
 *
 * @param trials          trials per campaign (each seed is one campaign)
 * @param seeds           number of campaign seeds: seedOffset .. seedOffset+seeds-1
 * @param checkpoints     trial counts the regret is reported at
 * @param overheadSizes   completed-trial counts the ask time is measured at; empty: no overhead measurement
 * @param overheadUntimed untimed asks at each of those counts before its timed ones (default 3)
 * @param optunaResults   {@code bench/optuna_search.py}'s JSON files to merge (several: runs over parts of the suite)
 * @param optunaMissing   why there are no Optuna results (printed in the notes), or null
 * @param compareAt       trial count of the Paretune-versus-Optuna summary
 * @param seedOffset      first campaign seed (default 0): another seed range checks that a change does not just
 *                        fit the default seeds
 */
public record BenchSettings(int trials, int seeds, List<String> functions, List<SamplerChoice> samplers,
                            List<Integer> checkpoints, List<Integer> overheadSizes,
                            int overheadAsks, int overheadWarmup, int overheadUntimed, List<Path> optunaResults,
                            String optunaMissing, int compareAt, int seedOffset) {

    static final List<Integer> DEFAULT_CHECKPOINTS = List.of(10, 25, 50, 100, 200);
    static final int COMPARE_AT = 100;

    public BenchSettings {
        functions = List.copyOf(functions);
        samplers = List.copyOf(samplers);
        checkpoints = List.copyOf(checkpoints);
        overheadSizes = List.copyOf(overheadSizes);
        optunaResults = List.copyOf(optunaResults);
    }

    /** The default checkpoints up to {@code trials}, and {@code trials} itself. */
    static List<Integer> checkpoints(int trials) {
        List<Integer> checkpoints = new ArrayList<>(DEFAULT_CHECKPOINTS.stream().filter(c -> c <= trials).toList());
        if (!checkpoints.contains(trials)) {
            checkpoints.add(trials);
        }
        return checkpoints;
    }

    /** The largest checkpoint up to {@link #COMPARE_AT}: where Paretune and Optuna are compared. */
    static int compareAt(List<Integer> checkpoints, int trials) {
        return checkpoints.stream().filter(c -> c <= COMPARE_AT).mapToInt(Integer::intValue).max().orElse(trials);
    }

    /** The same settings with Optuna's results to merge, or the reason there are none. */
    BenchSettings withOptuna(List<Path> results, String missing) {
        return new BenchSettings(trials, seeds, functions, samplers, checkpoints, overheadSizes, overheadAsks,
                overheadWarmup, overheadUntimed, results, missing, compareAt, seedOffset);
    }

    /** The campaign seeds, seedOffset .. seedOffset+seeds-1 (Optuna's side uses the same numbers as its samplers' seeds). */
    public long[] seedValues() {
        return IntStream.range(seedOffset, seedOffset + seeds).asLongStream().toArray();
    }
}
