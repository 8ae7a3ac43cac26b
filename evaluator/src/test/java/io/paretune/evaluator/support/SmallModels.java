package io.paretune.evaluator.support;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.ml.compress.ArtifactFacts;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.contract.search.CnnParameters;
import io.paretune.artifacts.FileArtifactStore;
import io.paretune.ml.model.CnnNetworkFactory;
import io.paretune.ml.model.NetworkFactory;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Real models to score: small MLPs and a CNN trained briefly on Fashion-MNIST slices, written as compressed artifacts
 * as a trainer-worker ships them (optionally pruned, in fp32, fp16 or int8). Built here rather than with the worker's
 * code so that the evaluator's tests stand on their own.
 */
public final class SmallModels {

    public static final Path DATASET_DIR = Path.of(FashionMnist.DEFAULT_DIR);
    /** A 2,000-image training slice; validation is still the campaign's 10 % (6,000 images). */
    public static final DatasetSpec SLICE = new DatasetSpec(DatasetSpec.FASHION_MNIST, 0.1, 2000, 42L);

    private SmallModels() {
    }

    /**
     * What was trained and where it was saved.
     *
     * @param paramCount trainable parameters of the network before any pruning, as a worker reports them
     * @param facts      what the written artifact is
     */
    public record Trained(String artifactPath, Path file, long paramCount, ArtifactFacts facts) {
    }

    /** Trains 784-32-10 for two epochs on the slice's training images and writes it into the store in fp32. */
    public static Trained trainAndSave(FileArtifactStore store, String campaignId, String trialId) {
        return save(store, campaignId, trialId, trainMlp(32), Precision.FP32);
    }

    /** 784-{@code units}-10 trained for two epochs on the slice's training images. */
    public static MultiLayerNetwork trainMlp(int units) {
        FashionMnist data = FashionMnist.load(DATASET_DIR);
        DataSplit split = DataSplit.of(data.trainCount(), SLICE);
        DataSet train = ImageBatches.of(data.trainImages(), data::trainLabel, split.train());

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(FashionMnist.PIXELS).nOut(units).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(units).nOut(FashionMnist.CLASSES).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<DataSet> batches = train.batchBy(64);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (DataSet batch : batches) {
                net.fit(batch);
            }
        }
        return net;
    }

    /** A slice for CNNs, whose inference is slow on the CPU: 500 training images, 1 % (600) for validation. */
    public static final DatasetSpec CNN_SLICE = new DatasetSpec(DatasetSpec.FASHION_MNIST, 0.01, 500, 42L);

    /**
     * Trains a small {@code cnn} (two 3×3 convolution blocks of 8 and 16 filters, max pooling, softmax) for one
     * epoch on {@link #CNN_SLICE}'s training images and writes it into the store, as a worker saves a cnn trial.
     */
    public static Trained trainCnnAndSave(FileArtifactStore store, String campaignId, String trialId) {
        FashionMnist data = FashionMnist.load(DATASET_DIR);
        DataSplit split = DataSplit.of(data.trainCount(), CNN_SLICE);
        DataSet train = ImageBatches.of(data.trainImages(), data::trainLabel, split.train());
        // Batch norm, so that the stored model holds running statistics that are parameters but not trainable ones.
        MultiLayerNetwork net = CnnNetworkFactory.build(CnnParameters.resolve(Map.of(CnnParameters.FILTERS, 8L,
                CnnParameters.KERNEL_SIZE, 3L, CnnParameters.LEARNING_RATE, 3e-3, CnnParameters.BATCH_NORM, true), 1), 7L);
        for (DataSet batch : train.batchBy(32)) {
            net.fit(batch);
        }
        return save(store, campaignId, trialId, net, Precision.FP32);
    }

    /** Writes an unpruned model into the store, as a worker ships attempt 1 of the trial. */
    public static Trained save(FileArtifactStore store, String campaignId, String trialId, MultiLayerNetwork net,
                               Precision precision) {
        return save(store, campaignId, trialId, net, precision, net.numParams(), NetworkFactory.trainableParamCount(net));
    }

    /**
     * Writes a model into the store, as a worker ships attempt 1 of the trial.
     *
     * @param denseParams    values of the architecture before pruning (the artifact's reference size)
     * @param denseTrainable its trainable parameters (the result's {@code paramCount})
     */
    public static Trained save(FileArtifactStore store, String campaignId, String trialId, MultiLayerNetwork net,
                               Precision precision, long denseParams, long denseTrainable) {
        String relative = store.modelPath(campaignId, trialId, 1);
        try {
            ArtifactFacts[] facts = new ArtifactFacts[1];
            store.writeAtomically(relative, tmp -> facts[0] = CompressedArtifact.write(tmp, net, precision, denseParams));
            return new Trained(relative, store.resolve(relative), denseTrainable, facts[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a model the way workers wrote them before compression: a plain DL4J zip, which is not scored. */
    public static Trained saveLegacy(FileArtifactStore store, String campaignId, String trialId, MultiLayerNetwork net) {
        String relative = store.modelPath(campaignId, trialId, 1);
        try {
            store.writeAtomically(relative, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), false));
            return new Trained(relative, store.resolve(relative), NetworkFactory.trainableParamCount(net), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TRAINED cnn result as a worker would publish it for a model at {@code artifactPath}. */
    public static TrialResult trainedCnnResult(String campaignId, String trialId, String artifactPath, long paramCount) {
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 1, "test-worker",
                TrialResult.Outcome.TRAINED, null, artifactPath, "cnn", Map.of("filters", 8, "kernelSize", 3),
                CNN_SLICE, 7L, 1, 1, false, 2.5, 1.0, 0.6, paramCount, "CpuBackend", Instant.now(), 0, null, 1.0, 0.6,
                0.6, null);
    }

    /**
     * A TRAINED result as a worker would publish it for an unpruned model at {@code artifactPath}, whose validation
     * accuracy before compression the worker measured as 0.78.
     */
    public static TrialResult trainedResult(String campaignId, String trialId, String artifactPath, long paramCount) {
        return trainedResult(campaignId, trialId, artifactPath, paramCount, 0.78, null);
    }

    /** A TRAINED result with the worker's compression figures. */
    public static TrialResult trainedResult(String campaignId, String trialId, String artifactPath, long paramCount,
                                            Double uncompressedValAccuracy, Integer prunedAfterEpoch) {
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 1, "test-worker",
                TrialResult.Outcome.TRAINED, null, artifactPath, "mlp", Map.of("units", 32), SLICE, 7L,
                2, 2, false, 1.5, 0.6, 0.78, paramCount, "CpuBackend", Instant.now(), 0, null, 0.6, 0.78,
                uncompressedValAccuracy, prunedAfterEpoch);
    }

    /** A CHECKPOINTED result: one segment of a trial done, a checkpoint and no model to score. */
    public static TrialResult checkpointedResult(String campaignId, String trialId) {
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 1, "test-worker",
                TrialResult.Outcome.CHECKPOINTED, null, null, "mlp", Map.of("units", 32), SLICE, 7L,
                1, 1, false, 0.7, 0.6, 0.78, 25_450, "CpuBackend", Instant.now(), 0,
                campaignId + "/" + trialId + "/checkpoint-epoch-1-attempt-1.zip", 0.6, 0.78);
    }

    /** A FAILED result: nothing to score. */
    public static TrialResult failedResult(String campaignId, String trialId) {
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 1, "test-worker",
                TrialResult.Outcome.FAILED, "diverged: NaN loss", null, "mlp", Map.of(), SLICE, 7L,
                1, 0, false, 0.4, null, null, 0, "CpuBackend", Instant.now());
    }
}
