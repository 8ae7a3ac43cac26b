package io.paretune.worker.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.trial.TrialJob;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.ml.model.ArtifactStore;
import io.paretune.ml.model.MlpNetworkFactory;
import io.paretune.worker.training.Backend;
import io.paretune.worker.training.EpochStats;
import io.paretune.worker.training.TrainingOutcome;
import io.paretune.worker.training.TrainingPulse;
import io.paretune.worker.training.TrialTrainer;
import io.paretune.worker.training.ValidationScorer;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Measures the worker's training loop against plain Deeplearning4j on the reference MLP 784-256-128-10 (ReLU,
 * Adam 1e-3, batch 128) over full epochs of the 54,000 training images of the default split, then batch-1 latency
 * and batch-256 throughput of inference. Prints one JSON object on stdout; everything else goes to stderr.
 *
 * <p>(a) raw: {@code net.fit} on a plain in-memory iterator over pre-built minibatches (shuffled once, no
 * listeners, no validation). (b) worker: {@link TrialTrainer} as the worker runs it (shuffle every epoch,
 * running loss and accuracy, validation after every epoch, model saved); its epoch time is the training pass
 * including the shuffle and excluding validation, which is reported separately.
 *
 * <p>Other processes on the machine disturb the timings; each of {@code --rounds} rounds trains a fresh network
 * with both loops, alternating which goes first, and the best and mean epoch times are reported.
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp trainer-worker/target/classes:$(cat trainer-worker/target/classpath.txt) \
 *     io.paretune.worker.bench.TrainerBenchmark --epochs 1 --rounds 2 --warmup-batches 100
 * </pre>
 */
public final class TrainerBenchmark {

    private static final int[] HIDDEN = {256, 128};
    private static final int BATCH = 128;
    private static final long SEED = 42L;

    private TrainerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream json = System.out;
        System.setOut(System.err); // libraries that print must not spoil the JSON

        int epochs = 1;
        int rounds = 2;
        int warmupBatches = 100;
        int latencyReps = 5000;
        int throughputReps = 300;
        Path datasetDir = Path.of(FashionMnist.DEFAULT_DIR);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup-batches" -> warmupBatches = Integer.parseInt(args[++i]);
                case "--latency-reps" -> latencyReps = Integer.parseInt(args[++i]);
                case "--throughput-reps" -> throughputReps = Integer.parseInt(args[++i]);
                case "--dataset-dir" -> datasetDir = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: TrainerBenchmark [--epochs 1] [--rounds 2] [--warmup-batches 100] "
                            + "[--latency-reps 5000] [--throughput-reps 300] [--dataset-dir DIR]");
                    System.exit(2);
                }
            }
        }

        MlpParameters.Config config = MlpParameters.resolve(Map.of(
                MlpParameters.ACTIVATION, "relu", MlpParameters.OPTIMIZER, "adam",
                MlpParameters.LEARNING_RATE, 1e-3, MlpParameters.BATCH_SIZE, BATCH), epochs);
        DatasetSpec datasetSpec = new DatasetSpec(DatasetSpec.FASHION_MNIST, DatasetSpec.DEFAULT_VALIDATION_FRACTION,
                null, DatasetSpec.DEFAULT_SPLIT_SEED);
        FashionMnist data = FashionMnist.load(datasetDir);
        DataSplit split = DataSplit.of(data.trainCount(), datasetSpec);
        DataSet train = ImageBatches.of(data.trainImages(), data::trainLabel, split.train());
        DataSet validation = ImageBatches.of(data.trainImages(), data::trainLabel, split.validation());
        DataSet test = ImageBatches.test(data);
        int trainCount = split.train().length;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "trainer-worker");
        out.put("machine", machine());
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("model", "MLP 784-256-128-10 ReLU, softmax, MCXENT");
        setup.put("params", MlpNetworkFactory.trainableParamCount(MlpNetworkFactory.build(HIDDEN, config, SEED)));
        setup.put("optimizer", "adam");
        setup.put("learning_rate", 1e-3);
        setup.put("batch_size", BATCH);
        setup.put("epochs", epochs);
        setup.put("rounds", rounds);
        setup.put("rounds_note", "each round trains a fresh network with each loop; the order alternates between "
                + "rounds; best = fastest epoch (least disturbed by other load), mean = all epochs");
        setup.put("train_images", trainCount);
        setup.put("validation_images", split.validation().length);
        setup.put("warmup_batches", warmupBatches);
        out.put("setup", setup);

        warmUp(train, config, warmupBatches);
        List<Double> rawSeconds = new ArrayList<>();
        List<Double> workerSeconds = new ArrayList<>();
        List<Double> validationSeconds = new ArrayList<>();
        MultiLayerNetwork rawNet = null;
        Map<String, Object> workerDetails = null;
        for (int round = 1; round <= rounds; round++) {
            for (int step = 0; step < 2; step++) {
                boolean rawTurn = (round % 2 == 1) == (step == 0);
                if (rawTurn) {
                    System.err.println("round " + round + ": raw DL4J ...");
                    RawRun raw = rawDl4j(train, config, epochs);
                    raw.epochSeconds().forEach(rawSeconds::add);
                    rawNet = raw.net();
                } else {
                    System.err.println("round " + round + ": worker loop ...");
                    WorkerRun worker = workerLoop(datasetDir, datasetSpec, config, epochs);
                    worker.stats().forEach(e -> {
                        workerSeconds.add(e.epochSeconds());
                        validationSeconds.add(e.validationSeconds());
                    });
                    workerDetails = worker.details();
                }
            }
        }

        Map<String, Object> rawOut = new LinkedHashMap<>();
        rawOut.put("what", "net.fit(ExistingDataSetIterator over pre-built 128-image minibatches, shuffled once), "
                + "no listeners, no validation");
        timing(rawOut, rawSeconds, trainCount);
        rawOut.put("test_accuracy", round(new ValidationScorer(test).score(rawNet).accuracy(), 4));
        out.put("raw_dl4j", rawOut);

        Map<String, Object> workerOut = new LinkedHashMap<>();
        workerOut.put("what", "TrialTrainer as the worker runs it: per-epoch shuffle into a reused buffer, view "
                + "minibatches prefetched by fit, running train loss/accuracy; epoch seconds = shuffle + training "
                + "pass, validation excluded (reported separately)");
        timing(workerOut, workerSeconds, trainCount);
        workerOut.put("validation_seconds_per_epoch", round(mean(validationSeconds), 3));
        workerOut.putAll(workerDetails);
        out.put("worker_loop", workerOut);
        out.put("worker_overhead_percent_best", round((min(workerSeconds) / min(rawSeconds) - 1) * 100, 1));
        out.put("worker_overhead_percent_mean", round((mean(workerSeconds) / mean(rawSeconds) - 1) * 100, 1));

        System.err.println("inference ...");
        out.put("inference", inference(rawNet, test, latencyReps, throughputReps));

        json.println(Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        json.flush();
        System.exit(0); // ND4J leaves non-daemon threads behind
    }

    private static MultiLayerNetwork newNet(MlpParameters.Config config) {
        return MlpNetworkFactory.build(HIDDEN, config, SEED);
    }

    /** JIT, native kernels and allocator pools warm, on a network that is then thrown away. */
    private static void warmUp(DataSet train, MlpParameters.Config config, int batches) {
        if (batches <= 0) {
            return;
        }
        MultiLayerNetwork net = newNet(config);
        List<DataSet> minibatches = train.batchBy(BATCH);
        net.fit(new ExistingDataSetIterator(minibatches.subList(0, Math.min(batches, minibatches.size()))));
        net.output(train.getFeatures().get(NDArrayIndex.interval(0, 1024), NDArrayIndex.all()));
    }

    private record RawRun(MultiLayerNetwork net, List<Double> epochSeconds) {
    }

    private record WorkerRun(List<EpochStats> stats, Map<String, Object> details) {
    }

    private static RawRun rawDl4j(DataSet train, MlpParameters.Config config, int epochs) {
        DataSet shuffled = train.copy();
        shuffled.shuffle(SEED);
        ExistingDataSetIterator batches = new ExistingDataSetIterator(shuffled.batchBy(BATCH));
        MultiLayerNetwork net = newNet(config);
        List<Double> seconds = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            batches.reset();
            long start = System.nanoTime();
            net.fit(batches);
            seconds.add((System.nanoTime() - start) / 1e9);
            System.err.printf("  raw epoch %d: %.3f s%n", e + 1, seconds.get(e));
        }
        return new RawRun(net, seconds);
    }

    private static WorkerRun workerLoop(Path datasetDir, DatasetSpec datasetSpec, MlpParameters.Config config,
                                        int epochs) throws IOException {
        Path artifacts = Files.createTempDirectory("paretune-bench-");
        try {
            TrialTrainer trainer = new TrialTrainer(datasetDir, new ArtifactStore(artifacts),
                    (c, seed) -> MlpNetworkFactory.build(HIDDEN, (MlpParameters.Config) c, seed));
            Map<String, Object> params = Map.of(MlpParameters.ACTIVATION, config.activation(),
                    MlpParameters.OPTIMIZER, config.optimizer(), MlpParameters.LEARNING_RATE, config.learningRate(),
                    MlpParameters.BATCH_SIZE, config.batchSize());
            TrialJob job = new TrialJob(Message.CURRENT_SCHEMA_VERSION, "bench", "reference-mlp", 0,
                    "mlp", params, datasetSpec, epochs, 0, SEED, Instant.now());
            List<EpochStats> stats = new ArrayList<>();
            long start = System.nanoTime();
            TrainingOutcome outcome = trainer.train(job, 1, e -> {
                stats.add(e);
                System.err.printf("  worker epoch %d: %.3f s training, %.3f s validation%n",
                        e.epoch(), e.epochSeconds(), e.validationSeconds());
            }, new TrainingPulse());
            double wall = (System.nanoTime() - start) / 1e9;
            if (!outcome.trained()) {
                throw new IllegalStateException("reference trial failed: " + outcome.failureReason());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("trial_wall_seconds_last_round", round(wall, 3));
            details.put("trial_wall_includes", "data preparation, training, validation, saving the model");
            details.put("val_accuracy", round(outcome.valAccuracy(), 4));
            details.put("val_loss", round(outcome.bestValLoss(), 4));
            details.put("train_accuracy_last_epoch", round(stats.get(stats.size() - 1).trainAccuracy(), 4));
            return new WorkerRun(stats, details);
        } finally {
            try (Stream<Path> files = Files.walk(artifacts)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void timing(Map<String, Object> out, List<Double> epochSeconds, int trainCount) {
        out.put("seconds_per_epoch_best", round(min(epochSeconds), 3));
        out.put("seconds_per_epoch_mean", round(mean(epochSeconds), 3));
        out.put("samples_per_second_best", Math.round(trainCount / min(epochSeconds)));
        out.put("samples_per_second_mean", Math.round(trainCount / mean(epochSeconds)));
        out.put("epoch_seconds", epochSeconds.stream().map(v -> round(v, 3)).toList());
    }

    private static Map<String, Object> inference(MultiLayerNetwork net, DataSet test, int latencyReps, int throughputReps) {
        INDArray features = test.getFeatures();
        int singles = 256;
        INDArray[] rows = new INDArray[singles];
        for (int i = 0; i < singles; i++) {
            rows[i] = features.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()).dup();
        }
        for (int i = 0; i < Math.max(500, latencyReps / 10); i++) {
            net.output(rows[i % singles]);
        }
        long[] nanos = new long[latencyReps];
        for (int i = 0; i < latencyReps; i++) {
            long t = System.nanoTime();
            net.output(rows[i % singles]);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);

        INDArray batch = features.get(NDArrayIndex.interval(0, 256), NDArrayIndex.all()).dup();
        for (int i = 0; i < Math.max(20, throughputReps / 10); i++) {
            net.output(batch);
        }
        long start = System.nanoTime();
        for (int i = 0; i < throughputReps; i++) {
            net.output(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("batch1_latency_ms_median", round(percentile(nanos, 0.50) / 1e6, 4));
        result.put("batch1_latency_ms_p95", round(percentile(nanos, 0.95) / 1e6, 4));
        result.put("batch1_reps", latencyReps);
        result.put("batch256_samples_per_second", Math.round(256.0 * throughputReps / seconds));
        result.put("batch256_reps", throughputReps);
        return result;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("backend", Backend.describe());
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        m.put("dl4j", dl4jVersion());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("load_average_at_start", loadAverage());
        m.put("date", Instant.now().toString());
        return m;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String dl4jVersion() {
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
