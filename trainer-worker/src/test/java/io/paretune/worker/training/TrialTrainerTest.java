package io.paretune.worker.training;

import io.paretune.contract.trial.TrialJob;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.ml.model.ArtifactStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrialTrainerTest {

    @TempDir
    Path artifacts;

    private ArtifactStore store;
    private TrialTrainer trainer;

    @BeforeEach
    void setUp() {
        store = new ArtifactStore(artifacts);
        trainer = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), store);
    }

    @Test
    void trainsASliceWellAboveChanceReportsEveryEpochAndSavesALoadableModel() throws Exception {
        TrialJob job = TrialJobs.small(2);
        List<EpochStats> epochs = new ArrayList<>();
        TrainingPulse pulse = new TrainingPulse();

        TrainingOutcome outcome = trainer.train(job, 1, epochs::add, pulse);

        assertThat(outcome.trained()).as(outcome.failureReason()).isTrue();
        assertThat(outcome.epochsTrained()).isEqualTo(2);
        assertThat(outcome.stoppedEarly()).isFalse();
        assertThat(outcome.paramCount()).isEqualTo(784 * 64 + 64 + 64 * 10 + 10);
        assertThat(outcome.valAccuracy()).isGreaterThan(0.6);
        assertThat(epochs).extracting(EpochStats::epoch).containsExactly(1, 2);
        assertThat(epochs).allSatisfy(e -> {
            assertThat(e.trainLoss()).isPositive().isFinite();
            assertThat(e.trainAccuracy()).isBetween(0.0, 1.0);
            assertThat(e.valLoss()).isPositive();
            assertThat(e.samplesPerSecond()).isPositive();
        });
        assertThat(epochs.get(1).trainAccuracy()).isGreaterThan(0.5);
        EpochStats best = epochs.get(outcome.bestEpoch() - 1);
        assertThat(outcome.bestValLoss()).isEqualTo(best.valLoss());
        assertThat(pulse.lastEpoch()).isEqualTo(2);
        assertThat(pulse.beats()).isGreaterThan(2 * 2000 / 64);

        assertThat(outcome.artifactPath()).isEqualTo(store.modelPath(job.campaignId(), job.trialId(), 1));
        Path model = store.resolve(outcome.artifactPath());
        assertThat(model).isRegularFile();
        try (var leftovers = Files.list(model.getParent())) {
            assertThat(leftovers).as("no temporary files left").containsExactly(model);
        }
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(model.toFile());
        assertThat(validationScore(job, loaded).accuracy()).isCloseTo(outcome.valAccuracy(), within(1e-9));
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndKeepsTheBestEpoch() throws Exception {
        // Wide network, few images, a high learning rate: validation loss soon gets worse.
        TrialJob job = TrialJobs.job(Map.of("hiddenLayers", 1, "units", 512, "learningRate", 0.01, "batchSize", 32),
                500, 40, 2);
        List<EpochStats> epochs = new ArrayList<>();

        TrainingOutcome outcome = trainer.train(job, 1, epochs::add, new TrainingPulse());

        assertThat(outcome.trained()).as(outcome.failureReason()).isTrue();
        assertThat(outcome.stoppedEarly()).isTrue();
        assertThat(outcome.epochsTrained()).isLessThan(40).isEqualTo(outcome.bestEpoch() + 2);
        double bestSeen = epochs.stream().mapToDouble(EpochStats::valLoss).min().orElseThrow();
        assertThat(outcome.bestValLoss()).isEqualTo(bestSeen).isEqualTo(epochs.get(outcome.bestEpoch() - 1).valLoss());
        assertThat(epochs.get(epochs.size() - 1).valLoss()).isGreaterThan(bestSeen);

        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(store.resolve(outcome.artifactPath()).toFile());
        ValidationScorer.Score restored = validationScore(job, saved);
        assertThat(restored.loss()).as("the saved model has the best epoch's weights").isCloseTo(bestSeen, within(1e-6));
        assertThat(restored.accuracy()).isEqualTo(outcome.valAccuracy());
    }

    @Test
    void divergingTrainingFailsNamingTheEpoch() {
        TrialJob job = TrialJobs.job(Map.of("hiddenLayers", 4, "units", 256, "optimizer", "sgd", "learningRate", 1.0,
                "batchSize", 32), 2000, 3, 0);
        List<EpochStats> epochs = new ArrayList<>();

        TrainingOutcome outcome = trainer.train(job, 1, epochs::add, new TrainingPulse());

        assertThat(outcome.trained()).isFalse();
        assertThat(outcome.failureReason()).isEqualTo("training diverged: loss is NaN at epoch 1");
        assertThat(outcome.artifactPath()).isNull();
        assertThat(epochs).as("a NaN epoch is not reported as progress").isEmpty();
        assertThat(store.root().resolve(job.campaignId())).doesNotExist();
    }

    @Test
    void invalidParametersFailWithTheReason() {
        TrainingOutcome outcome = trainer.train(TrialJobs.job(Map.of("units", 0), 100, 1, 0), 1, EpochListener.NONE,
                new TrainingPulse());

        assertThat(outcome.trained()).isFalse();
        assertThat(outcome.failureReason()).startsWith("units ");
        assertThat(outcome.epochsTrained()).isZero();
    }

    @Test
    void unknownModelFamilyFails() {
        TrialJob mlp = TrialJobs.small(1);
        TrialJob cnn = new TrialJob(mlp.schemaVersion(), mlp.campaignId(), mlp.trialId(), 0, "cnn", Map.of(),
                mlp.dataset(), 1, 0, 1L, mlp.createdAt());

        TrainingOutcome outcome = trainer.train(cnn, 1, EpochListener.NONE, new TrainingPulse());

        assertThat(outcome.trained()).isFalse();
        assertThat(outcome.failureReason()).contains("unknown model family 'cnn'");
    }

    @Test
    void cancelledTrainingThrowsAndSavesNothing() {
        TrialJob job = TrialJobs.small(3);
        TrainingPulse pulse = new TrainingPulse();
        pulse.cancel();

        assertThatThrownBy(() -> trainer.train(job, 1, EpochListener.NONE, pulse))
                .isInstanceOf(TrainingCancelledException.class);
        assertThat(store.root().resolve(job.campaignId())).doesNotExist();
    }

    private static ValidationScorer.Score validationScore(TrialJob job, MultiLayerNetwork net) {
        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
        DataSplit split = DataSplit.of(data.trainCount(), job.dataset());
        return new ValidationScorer(ImageBatches.of(data.trainImages(), data::trainLabel, split.validation())).score(net);
    }
}
