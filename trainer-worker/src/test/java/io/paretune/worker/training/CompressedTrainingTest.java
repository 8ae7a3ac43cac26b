package io.paretune.worker.training;

import io.paretune.contract.trial.TrialJob;
import io.paretune.ml.compress.ArtifactFacts;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.compress.CompressedModel;
import io.paretune.ml.compress.Masks;
import io.paretune.ml.compress.PrunableWeights;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.artifacts.FileArtifactStore;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A trial's compression applied while it trains (real DL4J training on Fashion-MNIST slices): pruning held through
 * fine-tuning and across checkpoints, the gradual schedule's target, a physically smaller network, and the shipped
 * artifact read back as the evaluator reads it.
 */
class CompressedTrainingTest {

    /** 784-64-10: 50,816 prunable weights. */
    private static final long DENSE_TRAINABLE = 784 * 64 + 64 + 64 * 10 + 10;

    @TempDir
    Path artifacts;

    private FileArtifactStore store;
    private TrialTrainer trainer;

    @BeforeEach
    void setUp() {
        store = new FileArtifactStore(artifacts);
        trainer = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), store);
    }

    @Test
    void magnitudePruningHoldsPrunedWeightsAtZeroThroughFineTuningAndAcrossCheckpoints() throws Exception {
        TrialJob trial = TrialJobs.job(mlp("pruning", "magnitude", "targetSparsity", 0.8, "fineTuneEpochs", 2), 1000,
                4, 0);
        List<EpochStats> segmented = new ArrayList<>();

        // Dense epochs 1-2, pruned after epoch 2: the first segment's checkpoint carries the masks.
        TrainingOutcome first = trainer.train(TrialJobs.segment(trial, 0, 2, null, 0), 1, segmented::add,
                new TrainingPulse());
        assertThat(first.checkpointed()).as(first.failureReason()).isTrue();
        Checkpoint afterPruning = Checkpoint.read(store.resolve(first.checkpointPath()), store.limits());
        assertThat(afterPruning.state().pruning().prunedAfterEpoch()).isEqualTo(2);
        Masks masks = afterPruning.masks();
        assertThat(masks).isNotNull();
        assertThat(masks.sparsity()).isCloseTo(0.8, within(1e-4));
        assertPrunedAreZero(afterPruning.network(), masks);
        double bestDense = segmented.get(0).valLoss() <= segmented.get(1).valLoss()
                ? segmented.get(0).valAccuracy() : segmented.get(1).valAccuracy();
        assertThat(afterPruning.state().pruning().uncompressedValAccuracy()).isEqualTo(bestDense);

        // Fine-tuning epochs 3 and 4, each on another worker, each resumed from the last checkpoint.
        TrainingOutcome second = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), store).train(
                TrialJobs.segment(trial, 2, 3, first.checkpointPath(), 1), 1, segmented::add, new TrainingPulse());
        assertThat(second.checkpointed()).as(second.failureReason()).isTrue();
        assertPrunedAreZero(Checkpoint.read(store.resolve(second.checkpointPath()), store.limits()).network(), masks);
        TrainingOutcome last = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), store).train(
                TrialJobs.segment(trial, 3, 4, second.checkpointPath(), 2), 1, segmented::add, new TrainingPulse());

        assertThat(last.trained()).as(last.failureReason()).isTrue();
        assertThat(last.checkpointed()).isFalse();
        assertThat(last.epochsTrained()).as("fine-tuning epochs count").isEqualTo(4);
        assertThat(last.stoppedEarly()).isFalse();
        assertThat(last.prunedAfterEpoch()).isEqualTo(2);
        assertThat(last.uncompressedValAccuracy()).isEqualTo(bestDense);
        assertThat(last.bestEpoch()).as("only pruned models are kept").isGreaterThanOrEqualTo(2);
        assertThat(last.paramCount()).isEqualTo(DENSE_TRAINABLE);
        assertThat(segmented).extracting(EpochStats::epoch).containsExactly(1, 2, 3, 4);

        CompressedModel shipped = shipped(last);
        assertPrunedAreZero(shipped.network(), masks);
        assertThat(shipped.facts().sparsity()).isCloseTo(0.8, within(1e-4));
        assertThat(shipped.facts().denseParams()).isEqualTo(DENSE_TRAINABLE);
        assertThat(validationScore(trial, shipped.network()).accuracy()).isCloseTo(last.valAccuracy(), within(1e-9));

        List<EpochStats> whole = new ArrayList<>();
        TrainingOutcome uninterrupted = trainer.train(trial, 2, whole::add, new TrainingPulse());
        assertThat(uninterrupted.trained()).as(uninterrupted.failureReason()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(segmented.get(i).valLoss()).as("validation loss of epoch %d", i + 1)
                    .isCloseTo(whole.get(i).valLoss(), within(1e-4));
        }
        assertThat(uninterrupted.bestEpoch()).isEqualTo(last.bestEpoch());
    }

    @Test
    void magnitudePruningWithoutFineTuningShipsThePrunedBestEpochAndReportsItsOwnAccuracy() throws Exception {
        TrialJob job = TrialJobs.job(mlp("pruning", "magnitude", "targetSparsity", 0.9, "pruningScope", "layer"),
                1000, 2, 0);
        List<EpochStats> epochs = new ArrayList<>();

        TrainingOutcome outcome = trainer.train(job, 1, epochs::add, new TrainingPulse());

        assertThat(outcome.trained()).as(outcome.failureReason()).isTrue();
        assertThat(outcome.epochsTrained()).isEqualTo(2);
        assertThat(outcome.prunedAfterEpoch()).isEqualTo(2);
        EpochStats bestDense = epochs.get(0).valLoss() <= epochs.get(1).valLoss() ? epochs.get(0) : epochs.get(1);
        assertThat(outcome.uncompressedValAccuracy()).isEqualTo(bestDense.valAccuracy());
        CompressedModel shipped = shipped(outcome);
        MultiLayerNetwork net = shipped.network();
        for (String key : PrunableWeights.keys(net)) {
            long zeros = net.getParam(key).length() - nonzero(net, key);
            assertThat(zeros).as("layer scope: 90 %% of %s", key).isEqualTo(Math.round(0.9 * net.getParam(key).length()));
        }
        ValidationScorer.Score score = validationScore(job, net);
        assertThat(outcome.valAccuracy()).as("the pruned model's own accuracy").isEqualTo(score.accuracy());
        assertThat(outcome.bestValLoss()).isCloseTo(score.loss(), within(1e-9));
        assertThat(outcome.bestValLoss()).as("pruning without fine-tuning costs loss").isGreaterThan(bestDense.valLoss());
    }

    @Test
    void gradualPruningReachesItsTargetAndKeepsNoEpochBeforePruneEndEpoch() throws Exception {
        // Heavy pruning of a small network: validation loss after epoch 1 (dense) beats every pruned epoch's, and
        // early stopping (patience 1) would stop at epoch 2 but for the schedule.
        TrialJob job = TrialJobs.job(mlp("pruning", "gradual", "targetSparsity", 0.97, "pruneStartEpoch", 1,
                "pruneEndEpoch", 3), 1000, 4, 1);
        List<EpochStats> epochs = new ArrayList<>();

        TrainingOutcome outcome = trainer.train(job, 1, epochs::add, new TrainingPulse());

        assertThat(outcome.trained()).as(outcome.failureReason()).isTrue();
        assertThat(epochs.get(0).valLoss()).as("the scenario: the dense epoch is the best by validation loss")
                .isLessThan(epochs.stream().skip(1).mapToDouble(EpochStats::valLoss).min().orElseThrow());
        assertThat(outcome.epochsTrained()).as("early stopping waits for pruneEndEpoch").isGreaterThanOrEqualTo(3);
        assertThat(outcome.bestEpoch()).isGreaterThanOrEqualTo(3);
        assertThat(outcome.uncompressedValAccuracy()).as("epoch 1, before pruning started")
                .isEqualTo(epochs.get(0).valAccuracy());
        assertThat(outcome.prunedAfterEpoch()).isNull();
        CompressedModel shipped = shipped(outcome);
        assertThat(shipped.facts().sparsity()).isCloseTo(0.97, within(1e-4));
        assertThat(validationScore(job, shipped.network()).accuracy()).isCloseTo(outcome.valAccuracy(), within(1e-9));
    }

    @Test
    void gradualPruningResumedFromACheckpointContinuesTheSchedule() throws Exception {
        TrialJob trial = TrialJobs.job(mlp("pruning", "gradual", "targetSparsity", 0.75, "pruningScope", "layer"),
                1000, 3, 0);
        List<EpochStats> segmented = new ArrayList<>();

        TrainingOutcome first = trainer.train(TrialJobs.segment(trial, 0, 1, null, 0), 1, segmented::add,
                new TrainingPulse());
        Checkpoint checkpoint = Checkpoint.read(store.resolve(first.checkpointPath()), store.limits());
        assertThat(checkpoint.masks().sparsity()).as("part of the way").isBetween(0.3, 0.74);
        assertThat(first.bestValLoss()).as("no epoch kept before pruneEndEpoch").isNull();
        TrainingOutcome last = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), store).train(
                TrialJobs.segment(trial, 1, 3, first.checkpointPath(), 1), 1, segmented::add, new TrainingPulse());
        assertThat(last.trained()).as(last.failureReason()).isTrue();
        assertThat(last.bestEpoch()).isEqualTo(3);
        assertThat(last.uncompressedValAccuracy()).as("pruning started with the first update").isNull();
        assertPrunedAreZero(shipped(last).network(), checkpoint.masks());
        assertThat(shipped(last).facts().sparsity()).isCloseTo(0.75, within(1e-4));

        List<EpochStats> whole = new ArrayList<>();
        trainer.train(trial, 2, whole::add, new TrainingPulse());
        for (int i = 0; i < 3; i++) {
            assertThat(segmented.get(i).valLoss()).as("validation loss of epoch %d", i + 1)
                    .isCloseTo(whole.get(i).valLoss(), within(1e-4));
        }
    }

    @Test
    void structuredPruningShipsASmallerNetworkThatTravelsInTheCheckpoint() throws Exception {
        TrialJob trial = TrialJobs.job(Map.of("hiddenLayers", 2, "units", 64, "batchSize", 64, "pruning", "structured",
                "targetSparsity", 0.5, "pruningScope", "layer", "fineTuneEpochs", 1), 1000, 2, 0);
        long dense = 784 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10;
        List<EpochStats> segmented = new ArrayList<>();

        TrainingOutcome first = trainer.train(TrialJobs.segment(trial, 0, 1, null, 0), 1, segmented::add,
                new TrainingPulse());
        Checkpoint checkpoint = Checkpoint.read(store.resolve(first.checkpointPath()), store.limits());
        assertThat(((FeedForwardLayer) checkpoint.network().getLayer(0).conf().getLayer()).getNOut()).isEqualTo(32);
        assertThat(checkpoint.state().pruning().denseTrainableParams()).isEqualTo(dense);
        TrainingOutcome last = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), store).train(
                TrialJobs.segment(trial, 1, 2, first.checkpointPath(), 1), 1, segmented::add, new TrainingPulse());

        assertThat(last.trained()).as(last.failureReason()).isTrue();
        assertThat(last.epochsTrained()).isEqualTo(2);
        assertThat(last.prunedAfterEpoch()).isEqualTo(1);
        assertThat(last.uncompressedValAccuracy()).isEqualTo(segmented.get(0).valAccuracy());
        assertThat(last.paramCount()).as("the dense architecture's").isEqualTo(dense);
        CompressedModel shipped = shipped(last);
        MultiLayerNetwork small = shipped.network();
        assertThat(((FeedForwardLayer) small.getLayer(0).conf().getLayer()).getNOut()).isEqualTo(32);
        assertThat(((FeedForwardLayer) small.getLayer(1).conf().getLayer()).getNIn()).isEqualTo(32);
        assertThat(small.numParams()).isEqualTo(784 * 32 + 32 + 32 * 32 + 32 + 32 * 10 + 10);
        assertThat(shipped.facts().denseParams()).isEqualTo(dense);
        assertThat(validationScore(trial, small).accuracy()).isCloseTo(last.valAccuracy(), within(1e-9));

        List<EpochStats> whole = new ArrayList<>();
        TrainingOutcome uninterrupted = trainer.train(trial, 2, whole::add, new TrainingPulse());
        assertThat(uninterrupted.trained()).as(uninterrupted.failureReason()).isTrue();
        for (int i = 0; i < 2; i++) {
            assertThat(segmented.get(i).valLoss()).as("validation loss of epoch %d", i + 1)
                    .isCloseTo(whole.get(i).valLoss(), within(1e-4));
        }
    }

    @Test
    void earlyStoppingEndsTheDensePhaseAndFineTuningFollows() throws Exception {
        // Wide network, few images, a high learning rate: validation loss soon gets worse.
        TrialJob job = TrialJobs.job(Map.of("hiddenLayers", 1, "units", 512, "learningRate", 0.01, "batchSize", 32,
                "pruning", "magnitude", "targetSparsity", 0.5, "fineTuneEpochs", 2), 500, 40, 2);
        List<EpochStats> epochs = new ArrayList<>();

        TrainingOutcome outcome = trainer.train(job, 1, epochs::add, new TrainingPulse());

        assertThat(outcome.trained()).as(outcome.failureReason()).isTrue();
        int prunedAfter = outcome.prunedAfterEpoch();
        assertThat(prunedAfter).as("the dense phase ended early").isLessThan(38);
        assertThat(outcome.epochsTrained()).isEqualTo(prunedAfter + 2);
        assertThat(outcome.stoppedEarly()).isTrue();
        EpochStats bestDense = epochs.subList(0, prunedAfter).stream()
                .min((a, b) -> Double.compare(a.valLoss(), b.valLoss())).orElseThrow();
        assertThat(prunedAfter).isEqualTo(bestDense.epoch() + 2);
        assertThat(outcome.uncompressedValAccuracy()).isEqualTo(bestDense.valAccuracy());
        assertThat(outcome.bestEpoch()).isGreaterThanOrEqualTo(prunedAfter);
        assertThat(shipped(outcome).facts().sparsity()).isCloseTo(0.5, within(1e-4));
    }

    @Test
    void int8ArtifactIsSmallerThanFp32AndAnUnprunedModelReportsItsOwnAccuracyAsUncompressed() throws Exception {
        TrialJob fp32 = TrialJobs.small(1);
        TrialJob int8 = TrialJobs.job(mlp("precision", "int8"), 2000, 1, 0);

        TrainingOutcome dense = trainer.train(fp32, 1, EpochListener.NONE, new TrainingPulse());
        TrainingOutcome quantized = trainer.train(int8, 1, EpochListener.NONE, new TrainingPulse());

        assertThat(dense.uncompressedValAccuracy()).isEqualTo(dense.valAccuracy());
        assertThat(dense.prunedAfterEpoch()).isNull();
        assertThat(quantized.uncompressedValAccuracy()).as("fp32 weights, before quantization")
                .isEqualTo(quantized.valAccuracy()).isEqualTo(dense.valAccuracy());
        long fp32Bytes = Files.size(store.resolve(dense.artifactPath()));
        long int8Bytes = Files.size(store.resolve(quantized.artifactPath()));
        assertThat(int8Bytes).isLessThan(fp32Bytes / 3);
        ArtifactFacts facts = shipped(quantized).facts();
        assertThat(facts.computePrecision()).isEqualTo("fp32 (dequantized int8 weights)");
        assertThat(validationScore(int8, shipped(quantized).network()).accuracy())
                .as("the shipped int8 model").isCloseTo(quantized.valAccuracy(), within(0.02));
    }

    /** The small MLP of {@link TrialJobs#small} with compression parameters. */
    private static Map<String, Object> mlp(Object... compression) {
        Map<String, Object> params = new HashMap<>(Map.of("hiddenLayers", 1, "units", 64, "batchSize", 64));
        for (int i = 0; i < compression.length; i += 2) {
            params.put((String) compression[i], compression[i + 1]);
        }
        return params;
    }

    private CompressedModel shipped(TrainingOutcome outcome) {
        try {
            return CompressedArtifact.read(store.resolve(outcome.artifactPath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long nonzero(MultiLayerNetwork net, String key) {
        long n = 0;
        for (float v : net.getParam(key).dup('c').data().asFloat()) {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }

    private static void assertPrunedAreZero(MultiLayerNetwork net, Masks masks) {
        for (String key : masks.keys()) {
            float[] w = net.getParam(key).dup('c').data().asFloat();
            float[] keep = masks.mask(key).dup('c').data().asFloat();
            assertThat(w).hasSameSizeAs(keep);
            for (int i = 0; i < w.length; i++) {
                if (keep[i] == 0 && w[i] != 0) {
                    throw new AssertionError(key + "[" + i + "] is pruned but " + w[i]);
                }
            }
        }
    }

    private static ValidationScorer.Score validationScore(TrialJob job, MultiLayerNetwork net) {
        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
        DataSplit split = DataSplit.of(data.trainCount(), job.dataset());
        return new ValidationScorer(ImageBatches.of(data.trainImages(), data::trainLabel, split.validation())).score(net);
    }
}
