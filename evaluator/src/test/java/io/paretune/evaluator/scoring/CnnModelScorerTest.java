package io.paretune.evaluator.scoring;

import io.paretune.contract.campaign.Metric;
import io.paretune.contract.trial.TrialScore;
import io.paretune.evaluator.support.SmallModels;
import io.paretune.ml.data.FashionMnist;
import io.paretune.artifacts.FileArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code cnn} trial's model is scored like an mlp's: the evaluator reads any saved network of flat-row input. */
class CnnModelScorerTest {

    /** Few repetitions: this test checks what is measured, not how fast. */
    private static final ScoringSettings QUICK = new ScoringSettings(1000, 5, 20, 256, 1, 2);

    @TempDir
    Path artifactsDir;

    @Test
    void scoresACnnArtifactWithEveryMetric() throws Exception {
        FileArtifactStore store = new FileArtifactStore(artifactsDir);
        ModelScorer scorer = new ModelScorer(store, () -> FashionMnist.load(SmallModels.DATASET_DIR), QUICK,
                "evaluator-test", Hardware.detect().describe());
        SmallModels.Trained model = SmallModels.trainCnnAndSave(store, "campaign-cnn", "trial-1");

        TrialScore score = scorer.score(SmallModels.trainedCnnResult("campaign-cnn", "trial-1", model.artifactPath(),
                model.paramCount()));

        assertThat(score.outcome()).as(score.failureReason()).isEqualTo(TrialScore.Outcome.SCORED);
        assertThat(score.metrics().keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Metric.values()).map(Metric::wireName).toList());
        assertThat(score.metrics().values()).allMatch(Double::isFinite);
        assertThat(metric(score, Metric.VAL_ACCURACY)).as("one epoch on 500 images, well above chance").isGreaterThan(0.4);
        assertThat(metric(score, Metric.TEST_ACCURACY)).isGreaterThan(0.4);
        // conv 3×3×1→8: 80; batch norm γ, β: 16; conv 3×3×8→16: 1,168; batch norm: 32; softmax 7·7·16→10: 7,850.
        // Trainable parameters, as the worker counts them: not the batch norms' running mean and variance (48 more).
        assertThat(metric(score, Metric.PARAM_COUNT)).isEqualTo(80 + 16 + 1_168 + 32 + 7_850).isEqualTo(model.paramCount());
        assertThat(metric(score, Metric.MODEL_SIZE_BYTES)).isEqualTo((double) Files.size(model.file()));
        // Per example, "same" padding: conv 3·3·1·8 at 28×28, conv 3·3·8·16 at 14×14, softmax 7·7·16·10.
        assertThat(metric(score, Metric.MACS)).isEqualTo(9 * 8 * 28 * 28 + 9 * 8 * 16 * 14 * 14 + 7 * 7 * 16 * 10)
                .isEqualTo(290_080);
        assertThat(metric(score, Metric.NONZERO_PARAMS)).as("trainable ones only, like param_count")
                .isLessThanOrEqualTo(metric(score, Metric.PARAM_COUNT));
        // The artifact stores the running statistics too: the dense fp32 size counts 48 more values.
        assertThat(metric(score, Metric.COMPRESSION_RATIO))
                .isEqualTo(4.0 * (model.paramCount() + 48) / Files.size(model.file()));
        assertThat(score.computePrecision()).isEqualTo("fp32");
        assertThat(metric(score, Metric.LATENCY_MS_P50)).isPositive()
                .isLessThanOrEqualTo(metric(score, Metric.LATENCY_MS_P95));
        assertThat(metric(score, Metric.THROUGHPUT_PER_S)).isPositive();
    }

    private static double metric(TrialScore score, Metric metric) {
        return score.metrics().get(metric.wireName());
    }
}
