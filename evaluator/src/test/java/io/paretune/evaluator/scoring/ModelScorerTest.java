package io.paretune.evaluator.scoring;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.campaign.Metric;
import io.paretune.contract.messaging.InconsistentMessageException;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.evaluator.support.SmallModels;
import io.paretune.artifacts.ArtifactLimits;
import io.paretune.ml.data.FashionMnist;
import io.paretune.artifacts.FileArtifactStore;
import io.paretune.artifacts.S3ArtifactStore;
import io.paretune.artifacts.S3Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelScorerTest {

    /** Few repetitions: these tests check what is measured, not how fast. */
    private static final ScoringSettings QUICK = new ScoringSettings(1000, 5, 40, 256, 1, 3);

    @TempDir
    static Path artifactsDir;

    private static FileArtifactStore store;
    private static ModelScorer scorer;
    private static SmallModels.Trained model;
    private static TrialScore score;

    @BeforeAll
    static void trainAndScoreOnce() {
        store = new FileArtifactStore(artifactsDir);
        scorer = new ModelScorer(store, () -> FashionMnist.load(SmallModels.DATASET_DIR), QUICK, "evaluator-test",
                Hardware.detect().describe());
        model = SmallModels.trainAndSave(store, "campaign-1", "trial-1");
        score = scorer.score(SmallModels.trainedResult("campaign-1", "trial-1", model.artifactPath(), model.paramCount()));
    }

    @Test
    void scoresATrainedModelWithEveryMetric() {
        assertThat(score.outcome()).isEqualTo(TrialScore.Outcome.SCORED);
        assertThat(score.failureReason()).isNull();
        assertThat(score.metrics().keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Metric.values()).map(Metric::wireName).toList());
        assertThat(score.metrics().values()).allMatch(Double::isFinite);
        assertThat(score.campaignId()).isEqualTo("campaign-1");
        assertThat(score.trialId()).isEqualTo("trial-1");
        assertThat(score.attempt()).isEqualTo(1);
        assertThat(score.evaluatorId()).isEqualTo("evaluator-test");
    }

    @Test
    void briefTrainingGivesAccuracyWellAboveChance() {
        assertThat(metric(Metric.VAL_ACCURACY)).isGreaterThan(0.5);
        assertThat(metric(Metric.TEST_ACCURACY)).isGreaterThan(0.5);
        assertThat(metric(Metric.TRAIN_ACCURACY)).isGreaterThan(0.5);
        assertThat(metric(Metric.VAL_LOSS)).isPositive().isLessThan(Math.log(10));
    }

    @Test
    void generalizationGapIsTrainMinusValidationAccuracy() {
        assertThat(metric(Metric.GENERALIZATION_GAP))
                .isCloseTo(metric(Metric.TRAIN_ACCURACY) - metric(Metric.VAL_ACCURACY), within(1e-12));
    }

    @Test
    void latencyMedianIsNotAboveItsNinetyFifthPercentile() {
        assertThat(metric(Metric.LATENCY_MS_P50)).isPositive();
        assertThat(metric(Metric.LATENCY_MS_P50)).isLessThanOrEqualTo(metric(Metric.LATENCY_MS_P95));
        assertThat(metric(Metric.THROUGHPUT_PER_S)).isPositive();
    }

    @Test
    void sizeIsTheFileSizeAndParametersAreTheNetworksOwn() throws Exception {
        assertThat(metric(Metric.MODEL_SIZE_BYTES)).isEqualTo((double) Files.size(model.file()));
        assertThat(metric(Metric.PARAM_COUNT)).isEqualTo((double) (784 * 32 + 32 + 32 * 10 + 10));
    }

    @Test
    void copiesTrainingFiguresFromTheResult() {
        assertThat(metric(Metric.EPOCHS_TRAINED)).isEqualTo(2.0);
        assertThat(metric(Metric.TRAIN_SECONDS)).isEqualTo(1.5);
    }

    @Test
    void hardwareDescribesTheMachine() {
        assertThat(score.hardware())
                .contains(Runtime.getRuntime().availableProcessors() + " logical cores")
                .contains("OMP_NUM_THREADS=")
                .contains("ND4J ");
    }

    @Test
    void refusesAnArtifactPathThatEscapesTheStore() {
        TrialResult escaping = SmallModels.trainedResult("campaign-1", "trial-2", "../../etc/passwd", 0);
        assertThatThrownBy(() -> scorer.score(escaping))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("escapes the store");
        TrialResult absolute = SmallModels.trainedResult("campaign-1", "trial-2", "/etc/passwd", 0);
        assertThatThrownBy(() -> scorer.score(absolute)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesAnotherTrialsModelEvenThoughItIsInTheStore() {
        TrialResult foreign = SmallModels.trainedResult("campaign-2", "trial-7", model.artifactPath(), 0);
        assertThatThrownBy(() -> scorer.score(foreign))
                .isInstanceOf(InconsistentMessageException.class)
                .hasMessageContaining("artifactPath campaign-1/trial-1/model-attempt-1.zip is not the one derived for it"
                        + " (campaign-2/trial-7/model-attempt-1.zip)");
    }

    @Test
    void missingModelFileGivesAFailedScoreWithTheReason() {
        TrialScore failed = scorer.score(SmallModels.trainedResult("campaign-1", "trial-3",
                "campaign-1/trial-3/model-attempt-1.zip", 0));
        assertThat(failed.outcome()).isEqualTo(TrialScore.Outcome.FAILED);
        assertThat(failed.failureReason()).contains("model file not found").contains("campaign-1/trial-3/model-attempt-1.zip");
        assertThat(failed.metrics()).isEmpty();
        assertThat(failed.trialId()).isEqualTo("trial-3");
    }

    @Test
    void anUnreachableStoreGivesAFailedScoreNamingIt() {
        S3Settings nowhere = new S3Settings("models", "", Optional.of(URI.create("http://127.0.0.1:1")), "us-east-1",
                true, Optional.of("key"), Optional.of("secret"));
        try (S3ArtifactStore unreachable = new S3ArtifactStore(S3ArtifactStore.client(nowhere), nowhere,
                ArtifactLimits.DEFAULT, artifactsDir)) {
            ModelScorer scorer = new ModelScorer(unreachable, () -> FashionMnist.load(SmallModels.DATASET_DIR), QUICK,
                    "evaluator-test", "cpu");

            TrialScore failed = scorer.score(SmallModels.trainedResult("campaign-1", "trial-5",
                    "campaign-1/trial-5/model-attempt-1.zip", 0));

            assertThat(failed.outcome()).isEqualTo(TrialScore.Outcome.FAILED);
            assertThat(failed.failureReason())
                    .startsWith("cannot read artifact campaign-1/trial-5/model-attempt-1.zip from s3://models/: ");
        }
    }

    @Test
    void unreadableModelFileGivesAFailedScore() throws Exception {
        String relative = "campaign-1/trial-4/model-attempt-1.zip";
        store.writeAtomically(relative, file -> Files.writeString(file, "not a model"));
        TrialScore failed = scorer.score(SmallModels.trainedResult("campaign-1", "trial-4", relative, 0));
        assertThat(failed.outcome()).isEqualTo(TrialScore.Outcome.FAILED);
        assertThat(failed.failureReason()).startsWith("cannot load model");
    }

    @Test
    void aHostileModelIsRefusedWithAReasonThatNamesNoPath() throws Exception {
        String relative = "campaign-1/trial-6/model-attempt-1.zip";
        store.writeAtomically(relative, file -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write("{}".getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("preprocessor.bin"));
                try (ObjectOutputStream object = new ObjectOutputStream(zip)) {
                    object.writeObject(new java.util.HashMap<>(Map.of("gadget", "chain")));
                }
            }
        });

        TrialScore refused = scorer.score(SmallModels.trainedResult("campaign-1", "trial-6", relative, 0));

        assertThat(refused.outcome()).isEqualTo(TrialScore.Outcome.FAILED);
        assertThat(refused.failureReason()).isEqualTo("model " + relative + " refused: entry preprocessor.bin holds "
                + "Java-serialized objects, which are never read");
        Files.createDirectories(store.root().resolve("campaign-1/trial-7"));
        Files.createSymbolicLink(store.root().resolve("campaign-1/trial-7/model-attempt-1.zip"),
                store.resolve(model.artifactPath()));
        assertThatThrownBy(() -> scorer.score(SmallModels.trainedResult("campaign-1", "trial-7",
                "campaign-1/trial-7/model-attempt-1.zip", 0))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("passes through a symbolic link");
    }

    @Test
    void anotherDatasetGivesAFailedScore() {
        TrialResult result = SmallModels.trainedResult("campaign-1", "trial-1", model.artifactPath(), 0);
        TrialResult cifar = new TrialResult(result.schemaVersion(), result.campaignId(), result.trialId(), 1,
                result.workerId(), result.outcome(), null, result.artifactPath(), "mlp", Map.of(),
                new DatasetSpec("cifar-10", 0.1, null, 42L), 7L, 2, 2, false, 1.0, null, null, 0, "", result.finishedAt());
        assertThat(scorer.score(cifar).failureReason()).contains("unsupported dataset 'cifar-10'");
    }

    @Test
    void refusesToScoreAFailedResult() {
        assertThatThrownBy(() -> scorer.score(SmallModels.failedResult("campaign-1", "trial-6")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double metric(Metric metric) {
        return score.metrics().get(metric.wireName());
    }
}
