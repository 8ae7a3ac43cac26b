package io.paretune.bench.trainer;

import io.paretune.bench.InferenceTiming;
import io.paretune.bench.MachineFacts;
import io.paretune.bench.Stats;
import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.search.CnnParameters;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.ModelConfig;
import io.paretune.contract.trial.TrialJob;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.artifacts.FileArtifactStore;
import io.paretune.ml.model.MlpNetworkFactory;
import io.paretune.ml.model.NetworkFactory;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One DL4J engine on one reference model, in a process of its own (so that its peak RSS is its own): warm-up on a
 * throw-away network, {@code epochs} timed epochs, test accuracy, batch-1 latency and batch-256 throughput.
 * <ul>
 *   <li>{@code dl4j-raw}: {@code net.fit} on a plain iterator over pre-built minibatches (shuffled once, no
 *       listeners, no validation);</li>
 *   <li>{@code worker}: {@link TrialTrainer} as the worker runs it (shuffle every epoch, running loss and accuracy,
 *       validation after every epoch, model saved); epoch seconds = shuffle + training pass, validation reported
 *       separately; inference is measured on the saved model, as the evaluator loads it.</li>
 * </ul>
 */
final class EngineRun {

    static final int BATCH = 128;
    static final double LEARNING_RATE = 1e-3;
    static final long SEED = 42L;
    private static final int[] MLP_HIDDEN = {256, 128};

    private EngineRun() {
    }

    /** The JSON record of {@code options.engine()} on {@code options.model()}. */
    static Map<String, Object> run(TrainerSettings options) throws IOException {
        long started = System.nanoTime();
        String loadStart = MachineFacts.loadAverage();
        String model = options.model();
        DatasetSpec datasetSpec = datasetSpec(options.limit());
        FashionMnist data = FashionMnist.load(options.datasetDir());
        DataSplit split = DataSplit.of(data.trainCount(), datasetSpec);
        DataSet train = ImageBatches.of(data.trainImages(), data::trainLabel, split.train());
        DataSet test = ImageBatches.test(data);
        int trainCount = split.train().length;

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("model", model);
        record.put("engine", options.engine());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        settings.put("jvm_options", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        settings.put("backend", Backend.describe());
        settings.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        record.put("settings", settings);
        record.put("params", NetworkFactory.trainableParamCount(newNet(model, options.epochs())));
        record.put("train_images", trainCount);
        record.put("epochs", options.epochs());

        warmUp(train, model, options.warmupBatches(model));
        MultiLayerNetwork trained;
        List<Double> epochSeconds;
        if (options.engine().equals("dl4j-raw")) {
            record.put("what", "net.fit(ExistingDataSetIterator over pre-built 128-image minibatches, shuffled once), "
                    + "no listeners, no validation");
            epochSeconds = new ArrayList<>();
            trained = raw(train, model, options.epochs(), epochSeconds);
        } else {
            record.put("what", "TrialTrainer as the worker runs it: per-epoch shuffle into a reused buffer, view "
                    + "minibatches prefetched by fit, running train loss/accuracy; epoch seconds = shuffle + training "
                    + "pass, validation excluded (reported separately); inference on the saved model");
            Path artifacts = Files.createTempDirectory("paretune-bench-");
            try {
                List<EpochStats> stats = new ArrayList<>();
                trained = worker(options, datasetSpec, artifacts, stats, record);
                epochSeconds = stats.stream().map(EpochStats::epochSeconds).toList();
                record.put("validation_images", split.validation().length);
                record.put("validation_seconds_per_epoch",
                        Stats.round(stats.stream().mapToDouble(EpochStats::validationSeconds).average().orElse(Double.NaN), 3));
            } finally {
                deleteTree(artifacts);
            }
        }
        timing(record, epochSeconds, trainCount);
        record.put("test_accuracy", Stats.round(new ValidationScorer(test).score(trained).accuracy(), 4));
        record.put("inference", inference(trained, test, options.latencyReps(model), options.throughputReps(model)));
        record.put("peak_rss_mb", MachineFacts.peakRssMb());
        record.put("process_wall_seconds", Stats.round((System.nanoTime() - started) / 1e9, 1));
        record.put("load_average_at_start", loadStart);
        record.put("load_average_at_end", MachineFacts.loadAverage());
        return record;
    }

    /** The split of every engine: the default 10 % validation, then the first {@code limit} training images. */
    static DatasetSpec datasetSpec(int limit) {
        return new DatasetSpec(DatasetSpec.FASHION_MNIST, DatasetSpec.DEFAULT_VALIDATION_FRACTION,
                limit > 0 ? limit : null, DatasetSpec.DEFAULT_SPLIT_SEED);
    }

    /** The reference configuration: Adam 1e-3, batch 128; the CNN's defaults are the reference CNN. */
    private static ModelConfig config(String model, int epochs) {
        return model.equals("cnn") ? CnnParameters.resolve(Map.of(), epochs)
                : MlpParameters.resolve(Map.of(MlpParameters.ACTIVATION, "relu", MlpParameters.OPTIMIZER, "adam",
                        MlpParameters.LEARNING_RATE, LEARNING_RATE, MlpParameters.BATCH_SIZE, BATCH), epochs);
    }

    private static MultiLayerNetwork newNet(String model, int epochs) {
        return build(config(model, epochs), SEED);
    }

    /** The reference MLP has unequal widths (256, 128), which the mlp family's parameters cannot say. */
    private static MultiLayerNetwork build(ModelConfig config, long seed) {
        return config instanceof MlpParameters.Config mlp ? MlpNetworkFactory.build(MLP_HIDDEN, mlp, seed)
                : NetworkFactory.build(config, seed);
    }

    /** JIT, native kernels and allocator pools warm, on a network that is then thrown away. */
    private static void warmUp(DataSet train, String model, int batches) {
        if (batches <= 0) {
            return;
        }
        MultiLayerNetwork net = newNet(model, 1);
        List<DataSet> minibatches = train.batchBy(BATCH);
        net.fit(new ExistingDataSetIterator(minibatches.subList(0, Math.min(batches, minibatches.size()))));
        net.output(train.getFeatures().get(NDArrayIndex.interval(0, Math.min(256, train.numExamples())), NDArrayIndex.all()));
    }

    private static MultiLayerNetwork raw(DataSet train, String model, int epochs, List<Double> seconds) {
        DataSet shuffled = train.copy();
        shuffled.shuffle(SEED);
        ExistingDataSetIterator batches = new ExistingDataSetIterator(shuffled.batchBy(BATCH));
        MultiLayerNetwork net = newNet(model, epochs);
        for (int e = 0; e < epochs; e++) {
            batches.reset();
            long start = System.nanoTime();
            net.fit(batches);
            seconds.add((System.nanoTime() - start) / 1e9);
            System.err.printf("  dl4j-raw %s epoch %d: %.3f s%n", model, e + 1, seconds.get(e));
        }
        return net;
    }

    private static MultiLayerNetwork worker(TrainerSettings options, DatasetSpec datasetSpec, Path artifacts,
                                            List<EpochStats> stats, Map<String, Object> record) throws IOException {
        String model = options.model();
        FileArtifactStore store = new FileArtifactStore(artifacts);
        TrialTrainer trainer = new TrialTrainer(options.datasetDir(), store, EngineRun::build);
        Map<String, Object> params = model.equals("cnn") ? Map.of()
                : Map.of(MlpParameters.ACTIVATION, "relu", MlpParameters.OPTIMIZER, "adam",
                MlpParameters.LEARNING_RATE, LEARNING_RATE, MlpParameters.BATCH_SIZE, BATCH);
        TrialJob job = new TrialJob(Message.CURRENT_SCHEMA_VERSION, "bench", "reference-" + model, 0, model, params,
                datasetSpec, options.epochs(), 0, SEED, Instant.now());
        long start = System.nanoTime();
        TrainingOutcome outcome = trainer.train(job, 1, e -> {
            stats.add(e);
            System.err.printf("  worker %s epoch %d: %.3f s training, %.3f s validation%n",
                    model, e.epoch(), e.epochSeconds(), e.validationSeconds());
        }, new TrainingPulse());
        if (!outcome.trained()) {
            throw new IllegalStateException("reference trial failed: " + outcome.failureReason());
        }
        record.put("trial_wall_seconds", Stats.round((System.nanoTime() - start) / 1e9, 3));
        record.put("trial_wall_includes", "data preparation, training, validation, saving the model");
        record.put("val_accuracy", Stats.round(outcome.valAccuracy(), 4));
        record.put("train_accuracy_last_epoch", Stats.round(stats.get(stats.size() - 1).trainAccuracy(), 4));
        return CompressedArtifact.read(store.resolve(outcome.artifactPath())).network();
    }

    private static void timing(Map<String, Object> out, List<Double> epochSeconds, int trainCount) {
        double best = epochSeconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double mean = epochSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        out.put("epoch_seconds", epochSeconds.stream().map(v -> Stats.round(v, 3)).toList());
        out.put("seconds_per_epoch_best", Stats.round(best, 3));
        out.put("seconds_per_epoch_mean", Stats.round(mean, 3));
        out.put("samples_per_second_best", Math.round(trainCount / best));
        out.put("samples_per_second_mean", Math.round(trainCount / mean));
    }

    private static Map<String, Object> inference(MultiLayerNetwork net, DataSet test, int latencyReps, int throughputReps) {
        INDArray features = test.getFeatures();
        int singles = 256;
        INDArray[] rows = new INDArray[singles];
        for (int i = 0; i < singles; i++) {
            rows[i] = features.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()).dup();
        }
        INDArray batch = features.get(NDArrayIndex.interval(0, 256), NDArrayIndex.all()).dup();
        InferenceTiming timing = InferenceTiming.measure(net::output, rows, batch, latencyReps,
                Math.max(100, latencyReps / 10), throughputReps, Math.max(5, throughputReps / 10));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("batch1_latency_ms_median", Stats.round(timing.latencyMs(0.50), 4));
        result.put("batch1_latency_ms_p95", Stats.round(timing.latencyMs(0.95), 4));
        result.put("batch1_reps", latencyReps);
        result.put("batch256_samples_per_second", Math.round(timing.batchSamplesPerSecond()));
        result.put("batch256_reps", throughputReps);
        return result;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}
