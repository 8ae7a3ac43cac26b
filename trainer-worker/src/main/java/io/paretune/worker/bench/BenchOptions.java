package io.paretune.worker.bench;

import io.paretune.ml.data.FashionMnist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code ./paretune bench trainer}. {@code --engine} and {@code --model} (one each) make a child run
 * that prints one record; without them the suite runs every {@code --models} × {@code --engines} pair, each in its
 * own process.
 *
 * <pre>{@code
 * BenchOptions options = BenchOptions.parse(new String[]{"--models", "cnn", "--limit", "2000"});
 * }</pre>
 */
record BenchOptions(List<String> models, List<String> engines, String model, String engine, int epochs, int limit,
                    int rounds, Integer warmupBatches, Integer latencyReps, Integer throughputReps, Path datasetDir,
                    Map<String, Integer> dl4jThreads, Map<String, Integer> torchThreads, String python,
                    String torchBlas) {

    static final List<String> MODELS = List.of("mlp", "cnn");
    static final List<String> ENGINES = List.of("dl4j-raw", "worker", "pytorch");

    static final String USAGE = """
            usage: ./paretune bench trainer [--models mlp,cnn] [--engines dl4j-raw,worker,pytorch] [--epochs 1]
                                            [--limit N] [--rounds 1] [--warmup-batches N] [--latency-reps N]
                                            [--throughput-reps N] [--dl4j-threads mlp=1,cnn=2]
                                            [--torch-threads mlp=1,cnn=2] [--python /usr/bin/python3] [--dataset-dir DIR]
                                            [--torch-blas auto|system|FILE]
              --limit N     train on the first N images of the split's 54,000 (all engines; for quick smoke runs)
              --rounds N    run every engine N times, in reversed order every other round (best epoch reported)
              --torch-blas  auto: when libblas.so.3 is the netlib reference BLAS (Debian's torch calls it), preload the
                            OpenBLAS that DL4J ships (same version as DL4J's) into PyTorch; system: leave it; FILE: preload FILE
              warm-up, latency and throughput repetitions default per model: mlp 100/5000/300, cnn 5/500/20
            """;

    static BenchOptions parse(String[] args) {
        List<String> models = MODELS;
        List<String> engines = ENGINES;
        String model = null;
        String engine = null;
        int epochs = 1;
        int limit = 0;
        int rounds = 1;
        Integer warmup = null;
        Integer latency = null;
        Integer throughput = null;
        Path datasetDir = Path.of(FashionMnist.DEFAULT_DIR);
        Map<String, Integer> dl4jThreads = new LinkedHashMap<>(ThreadSettings.DL4J_THREADS);
        Map<String, Integer> torchThreads = new LinkedHashMap<>(ThreadSettings.TORCH_THREADS);
        String python = "/usr/bin/python3";
        String torchBlas = "auto";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--models" -> models = list(value, MODELS, arg);
                case "--engines" -> engines = list(value, ENGINES, arg);
                case "--model" -> model = list(value, MODELS, arg).get(0);
                case "--engine" -> engine = list(value, ENGINES, arg).get(0);
                case "--epochs" -> epochs = positive(value, arg);
                case "--limit" -> limit = positive(value, arg);
                case "--rounds" -> rounds = positive(value, arg);
                case "--warmup-batches" -> warmup = Integer.parseInt(value);
                case "--latency-reps" -> latency = positive(value, arg);
                case "--throughput-reps" -> throughput = positive(value, arg);
                case "--dataset-dir" -> datasetDir = Path.of(value);
                case "--dl4j-threads" -> dl4jThreads.putAll(threads(value, arg));
                case "--torch-threads" -> torchThreads.putAll(threads(value, arg));
                case "--python" -> python = value;
                case "--torch-blas" -> torchBlas = value;
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        return new BenchOptions(models, engines, model, engine, epochs, limit, rounds, warmup, latency, throughput,
                datasetDir, Map.copyOf(dl4jThreads), Map.copyOf(torchThreads), python, torchBlas);
    }

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

    private static List<String> list(String value, List<String> known, String option) {
        List<String> items = List.of(value.split(","));
        for (String item : items) {
            if (!known.contains(item)) {
                throw new UsageException(option + ": unknown '" + item + "'; known: " + known);
            }
        }
        return items;
    }

    private static Map<String, Integer> threads(String value, String option) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String[] kv = pair.split("=");
            if (kv.length != 2 || !MODELS.contains(kv[0])) {
                throw new UsageException(option + " takes model=threads pairs such as mlp=1,cnn=2, got " + value);
            }
            map.put(kv[0], positive(kv[1], option));
        }
        return map;
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a positive integer, got " + value);
    }

    /** Bad options: the message (null for --help) and the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
