package io.paretune.bench.trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one run of the trainer benchmark measures, as {@link TrainerCommand} resolved it from the command line. With
 * {@code engine} and {@code model} set (one each) this is a child run that prints one record; without them the suite
 * runs every {@code models} × {@code engines} pair, each in its own process.
 *
 * @param dl4jJvmOptions JVM options of the DL4J engines' processes: the worker's own unless overridden
 * @param dl4jThreads    OpenMP threads of the DL4J engines, per model: the worker's own unless overridden
 * @param torchThreads   PyTorch's threads per model: its fastest setting here unless overridden
 */
record TrainerSettings(List<String> models, List<String> engines, String model, String engine, int epochs, int limit,
                       int rounds, Integer warmupBatches, Integer latencyReps, Integer throughputReps, Path datasetDir,
                       List<String> dl4jJvmOptions, Map<String, Integer> dl4jThreads, Map<String, Integer> torchThreads,
                       String python, String torchBlas) {

    static final List<String> MODELS = List.of("mlp", "cnn");
    static final List<String> ENGINES = List.of("dl4j-raw", "worker", "pytorch");

    /** Warm-up minibatches before timing: a CNN minibatch costs ~100× an MLP one here. */
    int warmupBatches(String model) {
        return warmupBatches != null ? warmupBatches : model.equals("cnn") ? 5 : 100;
    }

    /** Batch-1 inferences timed (a DL4J CNN takes 3–5 ms each). */
    int latencyReps(String model) {
        return latencyReps != null ? latencyReps : model.equals("cnn") ? 500 : 5000;
    }

    /** Batch-256 inferences timed. */
    int throughputReps(String model) {
        return throughputReps != null ? throughputReps : model.equals("cnn") ? 20 : 300;
    }

    boolean isChild() {
        return engine != null;
    }

    /** The options every child run for {@code model} gets, DL4J's and PyTorch's alike. */
    List<String> childArgs(String model) {
        List<String> a = new ArrayList<>(List.of("--model", model, "--epochs", String.valueOf(epochs),
                "--dataset-dir", datasetDir.toString(),
                "--warmup-batches", String.valueOf(warmupBatches(model)),
                "--latency-reps", String.valueOf(latencyReps(model)),
                "--throughput-reps", String.valueOf(throughputReps(model))));
        if (limit > 0) {
            a.addAll(List.of("--limit", String.valueOf(limit)));
        }
        return a;
    }
}
