package io.paretune.bench.trainer;

import io.paretune.bench.BenchOutput;
import io.paretune.contract.messaging.Json;
import io.paretune.ml.backend.NativeBuild;
import io.paretune.ml.data.FashionMnist;
import io.paretune.worker.WorkerLaunch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code paretune bench trainer}: the reference MLP (784-256-128-10 ReLU) and the reference CNN (83,466 parameters),
 * Adam 1e-3, batch 128, on full epochs of the default split's 54,000 training images, each trained by plain DL4J
 * ({@code dl4j-raw}), by the worker's own loop ({@code worker}) and by PyTorch ({@code pytorch},
 * {@code bench/pytorch_trainer.py}): samples/s, seconds per epoch, peak RSS, batch-1 latency (median, p95),
 * batch-256 throughput, and the ratios of each DL4J engine to PyTorch. The DL4J engines run as users run the worker:
 * with its JVM options and OpenMP threads ({@link WorkerLaunch}); PyTorch at its fastest setting here. Each run is a
 * process of its own ({@link BenchmarkSuite}); with {@code --engine} and {@code --model} this command is that
 * process ({@link EngineRun}) and prints one record.
 *
 * <pre>
 * ./paretune bench trainer --models cnn --limit 2000          # a smoke run: the first 2,000 images
 * ./paretune bench trainer --models mlp --engines dl4j-raw,worker --epochs 2 --rounds 2
 * </pre>
 * Run from the repository root (the PyTorch script is found at {@code bench/pytorch_trainer.py}).
 */
@Command(name = "trainer", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"The reference MLP and CNN trained by plain DL4J, the worker's loop (both with the worker's JVM "
                + "options and threads) and PyTorch, each in its own process: samples/s, s/epoch, peak RSS, batch-1 "
                + "latency, batch-256 throughput, ratios to PyTorch. One JSON object, kept under --out."})
public final class TrainerCommand implements Callable<Integer> {

    /** PyTorch's fastest settings here: MLP 1 thread, CNN 2 with OMP_WAIT_POLICY=PASSIVE (../shared/STACK.md). */
    static final Map<String, Integer> TORCH_THREADS = Map.of("mlp", 1, "cnn", 2);

    @Option(names = "--models", split = ",", paramLabel = "M", defaultValue = "mlp,cnn",
            description = "mlp, cnn (default ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--engines", split = ",", paramLabel = "E", defaultValue = "dl4j-raw,worker,pytorch",
            description = "dl4j-raw, worker, pytorch (default ${DEFAULT-VALUE})")
    List<String> engines;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "1", description = "timed epochs (default 1)")
    int epochs;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "train on the first N images of the split's 54,000 (all engines; for smoke runs)")
    int limit;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "run every engine N times, in reversed order every other round (best epoch reported)")
    int rounds;

    @Option(names = "--warmup-batches", paramLabel = "N", description = "default per model: mlp 100, cnn 5")
    Integer warmupBatches;

    @Option(names = "--latency-reps", paramLabel = "N", description = "default per model: mlp 5000, cnn 500")
    Integer latencyReps;

    @Option(names = "--throughput-reps", paramLabel = "N", description = "default per model: mlp 300, cnn 20")
    Integer throughputReps;

    @Option(names = "--dl4j-threads", split = ",", paramLabel = "MODEL=N",
            description = "OpenMP threads of the DL4J engines (default: the worker's own)")
    Map<String, Integer> dl4jThreads;

    @Option(names = "--dl4j-jvm-options", paramLabel = "OPTIONS",
            description = "JVM options of the DL4J engines' processes (default: the worker's own)")
    String dl4jJvmOptions;

    @Option(names = "--torch-threads", split = ",", paramLabel = "MODEL=N",
            description = "PyTorch's threads (default mlp=1,cnn=2: its fastest setting here)")
    Map<String, Integer> torchThreads;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "the Python with torch 1.13 (default ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--dataset-dir", paramLabel = "DIR", defaultValue = FashionMnist.DEFAULT_DIR,
            description = "Fashion-MNIST's IDX files (default ${DEFAULT-VALUE})")
    Path datasetDir;

    @Option(names = "--torch-blas", paramLabel = "auto|system|FILE", defaultValue = "auto",
            description = {"auto: when libblas.so.3 is the netlib reference BLAS (Debian's torch calls it), preload the "
                    + "OpenBLAS that DL4J ships into PyTorch; system: leave it; FILE: preload FILE"})
    String torchBlas;

    @Mixin
    BenchOutput output;

    @Option(names = "--model", hidden = true, description = "child run: this model only")
    String model;

    @Option(names = "--engine", hidden = true, description = "child run: this DL4J engine only")
    String engine;

    TrainerSettings resolve() {
        models.forEach(m -> known("--models", m, TrainerSettings.MODELS));
        engines.forEach(e -> known("--engines", e, TrainerSettings.ENGINES));
        if (model != null) {
            known("--model", model, TrainerSettings.MODELS);
        }
        if (engine != null) {
            known("--engine", engine, TrainerSettings.ENGINES);
        }
        positive("--epochs", epochs);
        positive("--rounds", rounds);
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must not be negative, got " + limit);
        }
        WorkerLaunch worker = WorkerLaunch.defaults();
        Map<String, Integer> dl4j = threads("--dl4j-threads",
                Map.of("mlp", worker.ompThreads(), "cnn", worker.ompThreads()), dl4jThreads);
        Map<String, Integer> torch = threads("--torch-threads", TORCH_THREADS, torchThreads);
        List<String> jvm = dl4jJvmOptions == null ? worker.jvmOptions()
                : List.of(dl4jJvmOptions.trim().split("\\s+")).stream().filter(o -> !o.isEmpty()).toList();
        return new TrainerSettings(List.copyOf(models), List.copyOf(engines), model, engine, epochs, limit, rounds,
                warmupBatches, latencyReps, throughputReps, datasetDir, jvm, dl4j, torch, python, torchBlas);
    }

    @Override
    public Integer call() throws Exception {
        TrainerSettings settings = resolve();
        if (settings.isChild()) {
            if (settings.model() == null || settings.engine().equals("pytorch")) {
                throw new IllegalArgumentException("--engine dl4j-raw|worker needs --model (pytorch runs bench/pytorch_trainer.py)");
            }
            NativeBuild.apply(); // the build the worker would load, before anything touches ND4J
            PrintWriter record = output.out();
            record.println(Json.writeString(EngineRun.run(settings))); // one line: the suite reads the last line
            record.flush();
            return 0;
        }
        Map<String, Object> result = new BenchmarkSuite(settings).run();
        result.put("version", BenchOutput.version());
        output.publish("trainer", result);
        return 0;
    }

    private static Map<String, Integer> threads(String option, Map<String, Integer> defaults, Map<String, Integer> given) {
        Map<String, Integer> threads = new LinkedHashMap<>(defaults);
        if (given != null) {
            given.forEach((m, n) -> {
                known(option, m, TrainerSettings.MODELS);
                positive(option, n);
                threads.put(m, n);
            });
        }
        return Map.copyOf(threads);
    }

    private static void known(String option, String value, List<String> known) {
        if (!known.contains(value)) {
            throw new IllegalArgumentException(option + ": unknown '" + value + "'; known: " + known);
        }
    }

    private static void positive(String option, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be a positive integer, got " + n);
        }
    }
}
