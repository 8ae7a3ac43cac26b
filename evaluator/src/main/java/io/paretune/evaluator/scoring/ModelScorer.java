package io.paretune.evaluator.scoring;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.campaign.Metric;
import io.paretune.contract.messaging.InconsistentMessageException;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.ml.compress.ArtifactFacts;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.compress.CompressedModel;
import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.ml.compress.Macs;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.artifacts.ArtifactKeys;
import io.paretune.artifacts.ArtifactPathRefusedException;
import io.paretune.artifacts.ArtifactStore;
import io.paretune.artifacts.ArtifactStoreException;
import io.paretune.ml.model.LayerHelpers;
import io.paretune.ml.model.NetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.jboss.logging.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scores the model of a {@link TrialResult.Outcome#TRAINED} result as it was shipped: the compressed artifact read
 * back ({@link CompressedArtifact#read}, int8 and fp16 weights dequantized, a structurally pruned network at its
 * smaller size), its generalization on the campaign's own split (validation chooses, test is only reported), what
 * compression gave (size on disk, non-zero parameters, sparsity, multiply-accumulates, compression ratio, accuracy
 * lost against the worker's uncompressed model) and its speed on this machine. Speed is that of the network as it
 * runs: DL4J has no int8 or fp16 CPU kernels and no sparse ones, so quantized weights compute in fp32 (the score's
 * {@code computePrecision} says so) and zeroed weights cost what dense ones cost.
 *
 * <pre>{@code
 * ModelScorer scorer = new ModelScorer(store, () -> FashionMnist.load(dir), ScoringSettings.DEFAULTS, "evaluator-1",
 *         Hardware.detect().describe());
 * TrialScore score = scorer.score(result); // SCORED, or FAILED with a reason
 * }</pre>
 * One model at a time ({@code synchronized}): two evaluations sharing the cores would slow each other's speed
 * figures and make them incomparable across trials.
 */
public class ModelScorer {

    private static final Logger LOG = Logger.getLogger(ModelScorer.class);

    private final ArtifactStore artifacts;
    private final Supplier<FashionMnist> data;
    private final ScoringSettings settings;
    private final String evaluatorId;
    private final String hardware;

    public ModelScorer(ArtifactStore artifacts, Supplier<FashionMnist> data, ScoringSettings settings,
                       String evaluatorId, String hardware) {
        this.artifacts = artifacts;
        this.data = data;
        this.settings = settings;
        this.evaluatorId = evaluatorId;
        this.hardware = hardware;
    }

    /**
     * @throws MalformedMessageException when the result cannot be honoured as written (artifact path outside the
     *                                   store or not the one derived for its trial and attempt, no data set): the
     *                                   message is at fault, not the model
     * @throws IllegalArgumentException  for a result that is not {@link TrialResult.Outcome#TRAINED}
     */
    public synchronized TrialScore score(TrialResult result) {
        if (result.outcome() != TrialResult.Outcome.TRAINED) {
            throw new IllegalArgumentException("only TRAINED results are scored, got " + result.outcome());
        }
        String model = modelKey(result);
        DatasetSpec dataset = result.dataset();
        if (dataset == null) {
            throw new MalformedMessageException("TrialResult " + result.trialId() + " is TRAINED but names no dataset");
        }
        if (!DatasetSpec.FASHION_MNIST.equals(dataset.name())) {
            return failed(result, "unsupported dataset '" + dataset.name() + "': this evaluator scores "
                    + DatasetSpec.FASHION_MNIST);
        }
        CompressedModel shipped;
        try {
            shipped = artifacts.read(model, file -> {
                if (!CompressedArtifact.isCompressedArtifact(file)) {
                    return null; // refused below, once the download is gone
                }
                LayerHelpers.allow(); // DL4J decides per layer, when it creates it, whether oneDNN computes it
                return CompressedArtifact.read(file, artifacts.limits());
            });
        } catch (ArtifactPathRefusedException e) {
            throw unusablePath(result, e);
        } catch (NoSuchFileException e) {
            return failed(result, "model file not found in the artifact store: " + result.artifactPath());
        } catch (ArtifactStoreException e) {
            LOG.warnf(e, "trial %s: cannot fetch model %s", result.trialId(), result.artifactPath());
            return failed(result, e.getMessage());
        } catch (InvalidArtifactException e) {
            LOG.warnf(e, "trial %s: model %s refused", result.trialId(), result.artifactPath());
            return failed(result, "model " + result.artifactPath() + " refused: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // The reason goes to the controller and its API: the exception, which may name absolute paths, stays here.
            LOG.warnf(e, "trial %s: cannot load model %s", result.trialId(), result.artifactPath());
            return failed(result, "cannot load model " + result.artifactPath() + ": " + e.getClass().getSimpleName()
                    + " (details in the evaluator's log)");
        }
        if (shipped == null) {
            return failed(result, "cannot load model " + result.artifactPath() + ": not a compressed artifact (no "
                    + "manifest; a plain DL4J model zip is not scored)");
        }
        Map<String, Double> metrics = measure(shipped, result, dataset);
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            if (!Double.isFinite(metric.getValue())) {
                return failed(result, metric.getKey() + " is " + metric.getValue() + " (diverged or empty split)");
            }
        }
        // The hash of the very bytes that were read and scored (the loader hashed the file it loaded).
        return new TrialScore(Message.CURRENT_SCHEMA_VERSION, result.campaignId(), result.trialId(), result.attempt(),
                evaluatorId, TrialScore.Outcome.SCORED, null, metrics, hardware, Instant.now(),
                shipped.facts().computePrecision(), shipped.facts().sha256());
    }

    /** A FAILED score for {@code result}, saying why. */
    public TrialScore failed(TrialResult result, String reason) {
        return new TrialScore(Message.CURRENT_SCHEMA_VERSION, result.campaignId(), result.trialId(), result.attempt(),
                evaluatorId, TrialScore.Outcome.FAILED, reason, Map.of(), hardware, Instant.now());
    }

    public String evaluatorId() {
        return evaluatorId;
    }

    public String hardware() {
        return hardware;
    }

    public ScoringSettings settings() {
        return settings;
    }

    /**
     * The key of the model of the result's own trial and attempt: a result naming any other file (another campaign's
     * model, say) would have its score reported for a model that trial never trained.
     */
    private String modelKey(TrialResult result) {
        String derived;
        try {
            ArtifactKeys.check(result.artifactPath());
            derived = ArtifactPaths.model(result.campaignId(), result.trialId(), result.segment(), result.attempt());
        } catch (IllegalArgumentException e) {
            throw unusablePath(result, e);
        }
        if (!derived.equals(result.artifactPath())) {
            throw new InconsistentMessageException("TrialResult " + result.trialId() + " of campaign "
                    + result.campaignId() + " refused: artifactPath " + result.artifactPath()
                    + " is not the one derived for it (" + derived + ")");
        }
        return result.artifactPath();
    }

    private static MalformedMessageException unusablePath(TrialResult result, IllegalArgumentException e) {
        return new MalformedMessageException("TrialResult " + result.trialId() + " has an unusable artifactPath: "
                + e.getMessage(), e);
    }

    private Map<String, Double> measure(CompressedModel shipped, TrialResult result, DatasetSpec dataset) {
        // The network as it runs: the shipped weights, dequantized, in the (possibly shrunk) shipped architecture.
        MultiLayerNetwork net = shipped.network();
        ArtifactFacts facts = shipped.facts();
        FashionMnist images = data.get();
        // The worker's split, rebuilt from the same seed: the evaluator validates on exactly the held-out images.
        DataSplit split = DataSplit.of(images.trainCount(), dataset);
        int batch = settings.inferenceBatchSize();
        SplitFigures validation = SplitFigures.measure(net, images.trainImages(), images::trainLabel, split.validation(), batch);
        SplitFigures train = SplitFigures.measure(net, images.trainImages(), images::trainLabel, split.train(), batch);
        SplitFigures test = SplitFigures.measure(net, images.testImages(), images::testLabel,
                ImageBatches.range(images.testCount()), batch);

        // Speed does not depend on which images go in; test images are always there, whatever the split.
        INDArray row = ImageBatches.of(images.testImages(), images::testLabel, new int[]{0}).getFeatures();
        InferenceSpeed.Latency latency = InferenceSpeed.latency(net, row, settings.latencyWarmup(),
                settings.latencyRepetitions());
        INDArray throughputBatch = ImageBatches.of(images.testImages(), images::testLabel,
                cycle(images.testCount(), settings.throughputBatchSize())).getFeatures();
        double throughput = InferenceSpeed.throughput(net, throughputBatch, settings.throughputWarmupBatches(),
                settings.throughputBatches());

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(Metric.VAL_ACCURACY.wireName(), validation.accuracy());
        metrics.put(Metric.VAL_LOSS.wireName(), validation.loss());
        metrics.put(Metric.TRAIN_ACCURACY.wireName(), train.accuracy());
        metrics.put(Metric.GENERALIZATION_GAP.wireName(), train.accuracy() - validation.accuracy());
        metrics.put(Metric.TEST_ACCURACY.wireName(), test.accuracy());
        // Trainable parameters, as the worker reports them: batch norm's running statistics are stored, not learned.
        metrics.put(Metric.PARAM_COUNT.wireName(), (double) NetworkFactory.trainableParamCount(net));
        metrics.put(Metric.NONZERO_PARAMS.wireName(), (double) NetworkFactory.nonzeroTrainableParamCount(net));
        metrics.put(Metric.SPARSITY.wireName(), facts.sparsity());
        metrics.put(Metric.MACS.wireName(), (double) Macs.perExample(net));
        metrics.put(Metric.MODEL_SIZE_BYTES.wireName(), (double) facts.fileBytes());
        metrics.put(Metric.COMPRESSION_RATIO.wireName(), facts.compressionRatio());
        if (result.uncompressedValAccuracy() != null) {
            metrics.put(Metric.ACCURACY_DROP.wireName(), result.uncompressedValAccuracy() - validation.accuracy());
        }
        metrics.put(Metric.LATENCY_MS_P50.wireName(), latency.p50Ms());
        metrics.put(Metric.LATENCY_MS_P95.wireName(), latency.p95Ms());
        metrics.put(Metric.THROUGHPUT_PER_S.wireName(), throughput);
        metrics.put(Metric.TRAIN_SECONDS.wireName(), result.trainSeconds());
        metrics.put(Metric.EPOCHS_TRAINED.wireName(), (double) result.epochsTrained());
        return metrics;
    }

    /** Indices 0, 1, ..., wrapping around {@code available}, {@code count} of them. */
    private static int[] cycle(int available, int count) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i % available;
        }
        return indices;
    }
}
