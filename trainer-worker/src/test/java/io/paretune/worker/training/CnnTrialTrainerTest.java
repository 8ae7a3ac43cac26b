package io.paretune.worker.training;

import io.paretune.contract.trial.TrialJob;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.contract.search.CompressionConfig;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.compress.CompressedModel;
import io.paretune.artifacts.FileArtifactStore;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The worker's training loop on {@code cnn} trials: real training on a few hundred Fashion-MNIST images. */
class CnnTrialTrainerTest {

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
    void trainsTheReferenceCnnOnAFewHundredImagesAndSavesALoadableModel() throws Exception {
        TrialJob job = TrialJobs.cnn(Map.of(), 400, 2, 0); // defaults: the reference CNN
        List<EpochStats> epochs = new ArrayList<>();

        TrainingOutcome outcome = trainer.train(job, 1, epochs::add, new TrainingPulse());

        assertThat(outcome.trained()).as(outcome.failureReason()).isTrue();
        assertThat(outcome.epochsTrained()).isEqualTo(2);
        assertThat(outcome.paramCount()).isEqualTo(83_466);
        assertThat(epochs).extracting(EpochStats::epoch).containsExactly(1, 2);
        assertThat(epochs.get(1).trainLoss()).as("learns").isLessThan(epochs.get(0).trainLoss());
        assertThat(outcome.valAccuracy()).as("well above chance (0.1)").isGreaterThan(0.4);

        MultiLayerNetwork saved = CompressedArtifact.read(store.resolve(outcome.artifactPath())).network();
        assertThat(saved.getLayer(0).conf().getLayer()).isInstanceOf(ConvolutionLayer.class);
        assertThat(validationScore(job, saved).accuracy()).isCloseTo(outcome.valAccuracy(), within(1e-9));
    }

    @Test
    void aCheckpointedCnnResumesAsIfTrainingHadNeverStopped() throws Exception {
        // Batch norm (running statistics), dropout (random masks) and Adam (moments) must all carry over.
        TrialJob trial = TrialJobs.cnn(Map.of("filters", 8L, "kernelSize", 3L, "batchNorm", true, "dropout", 0.2,
                "denseUnits", 32L, "batchSize", 64L), 300, 2, 0);
        List<EpochStats> segmented = new ArrayList<>();

        TrainingOutcome first = trainer.train(TrialJobs.segment(trial, 0, 1, null, 0), 1, segmented::add,
                new TrainingPulse());
        assertThat(first.trained()).as(first.failureReason()).isTrue();
        assertThat(first.checkpointed()).isTrue();

        TrialTrainer otherWorker = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), new FileArtifactStore(artifacts));
        TrainingOutcome last = otherWorker.train(TrialJobs.segment(trial, 1, 2, first.checkpointPath(), 1), 1,
                segmented::add, new TrainingPulse());
        assertThat(last.trained()).as(last.failureReason()).isTrue();
        assertThat(last.checkpointed()).isFalse();
        assertThat(last.epochsTrained()).isEqualTo(2);

        List<EpochStats> whole = new ArrayList<>();
        TrainingOutcome uninterrupted = trainer.train(trial, 2, whole::add, new TrainingPulse());
        assertThat(uninterrupted.trained()).as(uninterrupted.failureReason()).isTrue();
        for (int i = 0; i < 2; i++) {
            assertThat(segmented.get(i).trainLoss()).as("train loss of epoch %d", i + 1)
                    .isCloseTo(whole.get(i).trainLoss(), within(1e-4));
            assertThat(segmented.get(i).valLoss()).as("validation loss of epoch %d", i + 1)
                    .isCloseTo(whole.get(i).valLoss(), within(1e-4));
        }
        MultiLayerNetwork saved = CompressedArtifact.read(store.resolve(last.artifactPath())).network();
        assertThat(validationScore(trial, saved).accuracy()).isCloseTo(last.valAccuracy(), within(1e-9));
    }

    @Test
    void aStructurallyPrunedCnnShipsFewerFiltersInInt8() throws Exception {
        TrialJob job = TrialJobs.cnn(Map.of("filters", 8L, "kernelSize", 3L, "batchNorm", true, "batchSize", 32L,
                "pruning", "structured", "targetSparsity", 0.5, "pruningScope", "layer", "fineTuneEpochs", 1L,
                "precision", "int8"), 300, 2, 0);

        TrainingOutcome outcome = trainer.train(job, 1, EpochListener.NONE, new TrainingPulse());

        assertThat(outcome.trained()).as(outcome.failureReason()).isTrue();
        assertThat(outcome.epochsTrained()).isEqualTo(2);
        assertThat(outcome.prunedAfterEpoch()).isEqualTo(1);
        // conv 3×3×1→8: 80; batch norm: 16; conv 3×3×8→16: 1,168; batch norm: 32; softmax 7·7·16→10: 7,850
        assertThat(outcome.paramCount()).as("the dense architecture's").isEqualTo(80 + 16 + 1_168 + 32 + 7_850);
        CompressedModel shipped = CompressedArtifact.read(store.resolve(outcome.artifactPath()));
        MultiLayerNetwork small = shipped.network();
        assertThat(((ConvolutionLayer) small.getLayer(0).conf().getLayer()).getNOut()).isEqualTo(4);
        assertThat(((ConvolutionLayer) small.getLayer(3).conf().getLayer()).getNOut()).isEqualTo(8);
        assertThat(shipped.facts().precision()).isEqualTo(CompressionConfig.Precision.INT8);
        assertThat(shipped.facts().paramCount()).isLessThan(shipped.facts().denseParams());
        assertThat(validationScore(job, small).accuracy()).as("int8 weights, dequantized")
                .isCloseTo(outcome.valAccuracy(), within(0.03));
    }

    private static ValidationScorer.Score validationScore(TrialJob job, MultiLayerNetwork net) {
        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
        DataSplit split = DataSplit.of(data.trainCount(), job.dataset());
        return new ValidationScorer(ImageBatches.of(data.trainImages(), data::trainLabel, split.validation())).score(net);
    }
}
