package io.paretune.worker.training;

import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.contract.trial.TrialJob;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.artifacts.ArtifactLimits;
import io.paretune.artifacts.FileArtifactStore;
import io.paretune.artifacts.S3ArtifactStore;
import io.paretune.artifacts.S3Settings;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrialTrainerTest {

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
        MultiLayerNetwork loaded = CompressedArtifact.read(model).network();
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

        MultiLayerNetwork saved = CompressedArtifact.read(store.resolve(outcome.artifactPath())).network();
        ValidationScorer.Score restored = validationScore(job, saved);
        assertThat(restored.loss()).as("the saved model has the best epoch's weights").isCloseTo(bestSeen, within(1e-6));
        assertThat(restored.accuracy()).isEqualTo(outcome.valAccuracy());
    }

    @Test
    void aSegmentStoppingBeforeTheLastEpochLeavesACheckpointFromWhichAnotherWorkerFinishesTheTrial() throws Exception {
        // Dropout and Adam: both the random generator and the updater state must carry over.
        TrialJob trial = TrialJobs.job(Map.of("hiddenLayers", 2, "units", 64, "dropout", 0.2, "batchSize", 64),
                1000, 3, 0);
        List<EpochStats> segmented = new ArrayList<>();

        TrainingOutcome first = trainer.train(TrialJobs.segment(trial, 0, 1, null, 0), 1, segmented::add,
                new TrainingPulse());

        assertThat(first.trained()).as(first.failureReason()).isTrue();
        assertThat(first.checkpointed()).isTrue();
        assertThat(first.artifactPath()).as("no model to score yet").isNull();
        assertThat(first.epochsTrained()).isEqualTo(1);
        assertThat(first.checkpointPath()).isEqualTo(store.checkpointPath(trial.campaignId(), trial.trialId(), 1, 1));
        assertThat(store.resolve(first.checkpointPath())).isRegularFile();
        assertThat(first.lastValAccuracy()).isEqualTo(segmented.get(0).valAccuracy());
        assertThat(first.lastValLoss()).isEqualTo(segmented.get(0).valLoss());

        TrialTrainer otherWorker = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), new FileArtifactStore(artifacts));
        TrainingPulse pulse = new TrainingPulse();
        TrainingOutcome last = otherWorker.train(TrialJobs.segment(trial, 1, 3, first.checkpointPath(), 1), 1,
                segmented::add, pulse);

        assertThat(last.trained()).as(last.failureReason()).isTrue();
        assertThat(last.checkpointed()).isFalse();
        assertThat(last.epochsTrained()).isEqualTo(3);
        assertThat(last.trainSeconds()).as("both segments' time").isGreaterThan(first.trainSeconds());
        assertThat(last.artifactPath()).isEqualTo(store.modelPath(trial.campaignId(), trial.trialId(), 1, 1));
        assertThat(segmented).extracting(EpochStats::epoch).as("epoch numbers of the whole trial").containsExactly(1, 2, 3);
        assertThat(pulse.lastEpoch()).isEqualTo(3);
        assertThat(last.valAccuracy()).isGreaterThan(0.6);

        List<EpochStats> whole = new ArrayList<>();
        TrainingOutcome uninterrupted = trainer.train(trial, 2, whole::add, new TrainingPulse());
        assertThat(uninterrupted.epochsTrained()).isEqualTo(last.epochsTrained());
        assertThat(uninterrupted.bestEpoch()).isEqualTo(last.bestEpoch());
        for (int i = 0; i < 3; i++) {
            assertThat(segmented.get(i).trainLoss()).as("train loss of epoch %d", i + 1)
                    .isCloseTo(whole.get(i).trainLoss(), within(1e-4));
            assertThat(segmented.get(i).valLoss()).as("validation loss of epoch %d", i + 1)
                    .isCloseTo(whole.get(i).valLoss(), within(1e-4));
        }
        assertThat(last.valAccuracy()).isCloseTo(uninterrupted.valAccuracy(), within(0.01));
        MultiLayerNetwork saved = CompressedArtifact.read(store.resolve(last.artifactPath())).network();
        assertThat(validationScore(trial, saved).accuracy()).isCloseTo(last.valAccuracy(), within(1e-9));
    }

    @Test
    void earlyStoppingCarriesAcrossOneEpochSegmentsAndRestoresTheBestEpochSavedInACheckpoint() {
        TrialJob trial = TrialJobs.job(Map.of("hiddenLayers", 1, "units", 512, "learningRate", 0.01, "batchSize", 32),
                500, 40, 2);
        List<EpochStats> segmented = new ArrayList<>();
        TrainingOutcome outcome = null;
        String checkpoint = null;
        for (int segment = 0; segment < 40 && (outcome == null || outcome.checkpointed()); segment++) {
            outcome = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), store).train(
                    TrialJobs.segment(trial, segment, segment + 1, checkpoint, segment), 1, segmented::add,
                    new TrainingPulse());
            assertThat(outcome.trained()).as(outcome.failureReason()).isTrue();
            checkpoint = outcome.checkpointPath();
        }

        assertThat(outcome.stoppedEarly()).isTrue();
        assertThat(outcome.epochsTrained()).isLessThan(40).isEqualTo(outcome.bestEpoch() + 2);
        assertThat(segmented).hasSize(outcome.epochsTrained());
        double bestSeen = segmented.stream().mapToDouble(EpochStats::valLoss).min().orElseThrow();
        assertThat(outcome.bestValLoss()).isEqualTo(bestSeen);
        ValidationScorer.Score restored = validationScore(trial, loadModel(outcome));
        assertThat(restored.loss()).as("the best epoch's weights, kept in the checkpoints since")
                .isCloseTo(bestSeen, within(1e-6));
    }

    @Test
    void aMissingCheckpointOrAResumeWithoutOneFailsNamingIt() {
        TrialJob trial = TrialJobs.small(3);
        String absent = ArtifactPaths.checkpoint(trial.campaignId(), trial.trialId(), 1, 1);

        TrainingOutcome missing = trainer.train(TrialJobs.segment(trial, 1, 3, absent, 1), 1,
                EpochListener.NONE, new TrainingPulse());
        TrainingOutcome noCheckpoint = trainer.train(TrialJobs.segment(trial, 1, 3, null, 1), 1,
                EpochListener.NONE, new TrainingPulse());
        TrainingOutcome backwards = trainer.train(TrialJobs.segment(trial, 0, 0, null, 0), 1,
                EpochListener.NONE, new TrainingPulse());

        assertThat(missing.trained()).isFalse();
        assertThat(missing.failureReason()).isEqualTo("checkpoint " + absent + " is not in the artifact store");
        assertThat(noCheckpoint.failureReason()).isEqualTo("a job starting after epoch 1 needs resumeFrom");
        assertThat(backwards.failureReason()).isEqualTo("stopEpoch 0 must be after startEpoch 0");
    }

    @Test
    void anUnreachableStoreFailsTheResumeNamingIt() {
        TrialJob trial = TrialJobs.small(3);
        String checkpoint = ArtifactPaths.checkpoint(trial.campaignId(), trial.trialId(), 1, 1);
        S3Settings nowhere = new S3Settings("models", "", Optional.of(URI.create("http://127.0.0.1:1")), "us-east-1",
                true, Optional.of("key"), Optional.of("secret"));
        try (S3ArtifactStore unreachable = new S3ArtifactStore(S3ArtifactStore.client(nowhere), nowhere,
                ArtifactLimits.DEFAULT, artifacts)) {
            TrialTrainer remote = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), unreachable);

            TrainingOutcome outcome = remote.train(TrialJobs.segment(trial, 1, 3, checkpoint, 1), 1,
                    EpochListener.NONE, new TrainingPulse());

            assertThat(outcome.trained()).isFalse();
            assertThat(outcome.failureReason())
                    .startsWith("cannot resume: cannot read artifact " + checkpoint + " from s3://models/: ");
        }
    }

    @Test
    void aHostileCheckpointFailsTheTrialNamingWhyAndTheTrainerGoesOn() throws Exception {
        TrialJob trial = TrialJobs.small(2);
        TrainingOutcome first = trainer.train(TrialJobs.segment(trial, 0, 1, null, 0), 1, EpochListener.NONE,
                new TrainingPulse());
        // The checkpoint with a Java-serialized preprocessor.bin in its network, which ModelSerializer would read.
        String hostile = trial.campaignId() + "/" + trial.trialId() + "/checkpoint-epoch-1-attempt-9.zip";
        store.writeAtomically(hostile, file -> {
            try (ZipFile original = new ZipFile(store.resolve(first.checkpointPath()).toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
                for (ZipEntry entry : Collections.list(original.entries())) {
                    byte[] bytes = original.getInputStream(entry).readAllBytes();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(entry.getName().equals("network.zip") ? withSerializedPreprocessor(bytes) : bytes);
                    out.closeEntry();
                }
            }
        });

        TrainingOutcome refused = trainer.train(TrialJobs.segment(trial, 1, 2, hostile, 1), 1, EpochListener.NONE,
                new TrainingPulse());
        TrainingOutcome resumed = trainer.train(TrialJobs.segment(trial, 1, 2, first.checkpointPath(), 1), 1,
                EpochListener.NONE, new TrainingPulse());

        assertThat(refused.trained()).isFalse();
        assertThat(refused.failureReason()).isEqualTo("checkpoint " + hostile + " refused: entry preprocessor.bin "
                + "holds Java-serialized objects, which are never read");
        assertThat(resumed.trained()).as("the same trainer resumes from a sound checkpoint").isTrue();
    }

    private static byte[] withSerializedPreprocessor(byte[] networkZip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(networkZip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(in.readAllBytes());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("preprocessor.bin"));
            ObjectOutputStream object = new ObjectOutputStream(out);
            object.writeObject(new java.util.HashMap<>(Map.of("gadget", "chain")));
            object.flush();
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aJobBeyondItsEpochBoundsOrResumingFromAnotherTrialsCheckpointIsRefused() {
        TrialJob trial = TrialJobs.small(3);
        String foreign = ArtifactPaths.checkpoint("another-campaign", trial.trialId(), 1, 1);

        TrainingOutcome elsewhere = trainer.train(TrialJobs.segment(trial, 1, 3, foreign, 1), 1, EpochListener.NONE,
                new TrainingPulse());
        TrainingOutcome beyond = trainer.train(TrialJobs.segment(trial, 0, 4, null, 0), 1, EpochListener.NONE,
                new TrainingPulse());
        TrainingOutcome huge = trainer.train(TrialJobs.small(1_000_000), 1, EpochListener.NONE, new TrainingPulse());

        assertThat(elsewhere.failureReason()).isEqualTo("resumeFrom " + foreign + " is not a checkpoint of trial "
                + trial.trialId() + " after epoch 1");
        assertThat(beyond.failureReason()).isEqualTo("stopEpoch 4 is beyond the job's maxEpochs 3");
        assertThat(huge.failureReason()).isEqualTo("maxEpochs must be in 1..1000: 1000000");
        assertThat(store.root().resolve(trial.campaignId()).resolve(trial.trialId())).as("nothing saved").doesNotExist();
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

    /** A network beyond the worker's memory budget fails with the estimate, before any array is allocated. */
    @Test
    void aNetworkBeyondTheMemoryBudgetFailsWithItsEstimateAndNothingIsSaved() {
        TrialTrainer small = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), store, (config, seed) -> {
            throw new AssertionError("built a network that does not fit");
        }, 50_000_000L);
        TrialJob wide = TrialJobs.job(Map.of("hiddenLayers", 3L, "units", 4096L, "batchSize", 1024L), 100, 1, 0);

        TrainingOutcome outcome = small.train(wide, 1, EpochListener.NONE, new TrainingPulse());

        assertThat(outcome.trained()).isFalse();
        assertThat(outcome.failureReason()).startsWith("the network needs about ")
                .contains("36.8M parameters", "more than the 50 MB this worker grants a trial (paretune.worker.memory-budget-mb)");
        assertThat(outcome.epochsTrained()).isZero();
        assertThat(store.root().resolve(wide.campaignId())).doesNotExist();
    }

    @Test
    void unknownModelFamilyFails() {
        TrialJob mlp = TrialJobs.small(1);
        TrialJob rnn = new TrialJob(mlp.schemaVersion(), mlp.campaignId(), mlp.trialId(), 0, "rnn", Map.of(),
                mlp.dataset(), 1, 0, 1L, mlp.createdAt());

        TrainingOutcome outcome = trainer.train(rnn, 1, EpochListener.NONE, new TrainingPulse());

        assertThat(outcome.trained()).isFalse();
        assertThat(outcome.failureReason()).contains("unknown model family 'rnn'").contains("[mlp, cnn]");
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

    private MultiLayerNetwork loadModel(TrainingOutcome outcome) {
        try {
            return CompressedArtifact.read(store.resolve(outcome.artifactPath())).network();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ValidationScorer.Score validationScore(TrialJob job, MultiLayerNetwork net) {
        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
        DataSplit split = DataSplit.of(data.trainCount(), job.dataset());
        return new ValidationScorer(ImageBatches.of(data.trainImages(), data::trainLabel, split.validation())).score(net);
    }
}
