package io.paretune.evaluator.scoring;

import io.paretune.contract.campaign.Metric;
import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.contract.search.CompressionConfig.Scope;
import io.paretune.contract.trial.TrialScore;
import io.paretune.evaluator.support.SmallModels;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.compress.Masks;
import io.paretune.ml.compress.StructuredPruning;
import io.paretune.ml.data.FashionMnist;
import io.paretune.artifacts.FileArtifactStore;
import io.paretune.ml.model.NetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shipped artifact is what gets scored: quantized weights read back and dequantized, pruned weights as zeros, a
 * shrunk network at its own size, and the figures that say what compression gave. One 784-128-10 MLP, trained
 * once, written in several ways.
 */
class CompressedModelScorerTest {

    /** Few repetitions: these tests check what is measured, not how fast. */
    private static final ScoringSettings QUICK = new ScoringSettings(1000, 5, 20, 256, 1, 2);
    private static final long DENSE = 784 * 128 + 128 + 128 * 10 + 10;
    private static final long DENSE_MACS = 784 * 128 + 128 * 10;

    @TempDir
    static java.nio.file.Path artifactsDir;

    private static FileArtifactStore store;
    private static ModelScorer scorer;
    private static MultiLayerNetwork trained;
    private static SmallModels.Trained fp32;
    private static TrialScore fp32Score;

    @BeforeAll
    static void trainOnce() {
        store = new FileArtifactStore(artifactsDir);
        scorer = new ModelScorer(store, () -> FashionMnist.load(SmallModels.DATASET_DIR), QUICK, "evaluator-test",
                Hardware.detect().describe());
        trained = SmallModels.trainMlp(128);
        fp32 = SmallModels.save(store, "campaign-c", "fp32", trained, Precision.FP32);
        fp32Score = score(fp32, "fp32", 0.8);
    }

    @Test
    void aDenseFp32ModelIsScoredWithItsOwnFiguresAndTheArtifactsHash() throws Exception {
        assertThat(fp32Score.outcome()).as(fp32Score.failureReason()).isEqualTo(TrialScore.Outcome.SCORED);
        assertThat(fp32Score.computePrecision()).isEqualTo("fp32");
        assertThat(fp32Score.artifactSha256()).isEqualTo(CompressedArtifact.sha256(fp32.file())).hasSize(64);
        assertThat(metric(fp32Score, Metric.PARAM_COUNT)).isEqualTo(DENSE);
        assertThat(metric(fp32Score, Metric.NONZERO_PARAMS)).isGreaterThan(0.99 * DENSE).isLessThanOrEqualTo(DENSE);
        assertThat(metric(fp32Score, Metric.SPARSITY)).isLessThan(0.01);
        assertThat(metric(fp32Score, Metric.MACS)).isEqualTo(DENSE_MACS);
        assertThat(metric(fp32Score, Metric.MODEL_SIZE_BYTES)).isEqualTo(Files.size(fp32.file()));
        assertThat(metric(fp32Score, Metric.COMPRESSION_RATIO))
                .isEqualTo(4.0 * DENSE / Files.size(fp32.file()))
                .as("fp32 floats barely deflate").isBetween(0.9, 1.3);
        assertThat(metric(fp32Score, Metric.ACCURACY_DROP))
                .isCloseTo(0.8 - metric(fp32Score, Metric.VAL_ACCURACY), within(1e-12));
    }

    @Test
    void anInt8ModelIsOverThreeAndAHalfTimesSmallerAndScoredOnItsDequantizedWeights() {
        SmallModels.Trained int8 = SmallModels.save(store, "campaign-c", "int8", trained, Precision.INT8);
        TrialScore score = score(int8, "int8", metric(fp32Score, Metric.VAL_ACCURACY));

        assertThat(score.outcome()).as(score.failureReason()).isEqualTo(TrialScore.Outcome.SCORED);
        assertThat(score.computePrecision()).isEqualTo("fp32 (dequantized int8 weights)");
        assertThat(metric(score, Metric.COMPRESSION_RATIO)).isGreaterThan(3.5);
        assertThat(metric(score, Metric.MODEL_SIZE_BYTES) / metric(fp32Score, Metric.MODEL_SIZE_BYTES))
                .isLessThan(1 / 3.5);
        assertThat(metric(score, Metric.MACS)).as("the same network runs").isEqualTo(DENSE_MACS);
        double accuracy = metric(score, Metric.VAL_ACCURACY);
        assertThat(accuracy).as("quantization moved some predictions, not many")
                .isCloseTo(metric(fp32Score, Metric.VAL_ACCURACY), within(0.01));
        assertThat(metric(score, Metric.ACCURACY_DROP))
                .isCloseTo(metric(fp32Score, Metric.VAL_ACCURACY) - accuracy, within(1e-12));
    }

    @Test
    void anFp16ModelSaysItRunsInFp32() {
        SmallModels.Trained fp16 = SmallModels.save(store, "campaign-c", "fp16", trained, Precision.FP16);
        TrialScore score = score(fp16, "fp16", 0.8);

        assertThat(score.computePrecision()).isEqualTo("fp32 (dequantized fp16 weights)");
        assertThat(metric(score, Metric.COMPRESSION_RATIO)).isGreaterThan(1.8);
        assertThat(metric(score, Metric.VAL_ACCURACY)).isCloseTo(metric(fp32Score, Metric.VAL_ACCURACY), within(0.005));
    }

    @Test
    void aMagnitudePrunedModelKeepsItsZerosAndItsMacs() {
        MultiLayerNetwork sparse = trained.clone();
        Masks masks = Masks.magnitude(sparse, 0.9, Scope.GLOBAL);
        masks.applyTo(sparse);
        SmallModels.Trained pruned = SmallModels.save(store, "campaign-c", "sparse", sparse, Precision.FP32);
        TrialScore score = score(pruned, "sparse", metric(fp32Score, Metric.VAL_ACCURACY));

        assertThat(score.outcome()).as(score.failureReason()).isEqualTo(TrialScore.Outcome.SCORED);
        assertThat(metric(score, Metric.SPARSITY)).isCloseTo(0.9, within(1e-4));
        assertThat(metric(score, Metric.NONZERO_PARAMS)).as("the kept weights and every bias")
                .isEqualTo((double) (DENSE - masks.prunedCount()));
        assertThat(metric(score, Metric.PARAM_COUNT)).as("the network as it runs").isEqualTo(DENSE);
        assertThat(metric(score, Metric.MACS)).as("dense kernels: zeros cost as much").isEqualTo(DENSE_MACS);
        assertThat(metric(score, Metric.COMPRESSION_RATIO)).as("a bitmap and the kept values").isGreaterThan(4.0);
        assertThat(metric(score, Metric.ACCURACY_DROP)).isPositive();
    }

    @Test
    void aStructurallyPrunedModelRunsAtItsSmallerSizeAgainstTheDenseArchitecture() {
        MultiLayerNetwork small = StructuredPruning.shrink(trained, 0.75, Scope.LAYER);
        SmallModels.Trained shrunk = SmallModels.save(store, "campaign-c", "shrunk", small, Precision.FP32,
                trained.numParams(), DENSE);
        TrialScore score = score(shrunk, "shrunk", metric(fp32Score, Metric.VAL_ACCURACY));

        assertThat(score.outcome()).as(score.failureReason()).isEqualTo(TrialScore.Outcome.SCORED);
        long smallParams = 784 * 32 + 32 + 32 * 10 + 10;
        assertThat(metric(score, Metric.PARAM_COUNT)).isEqualTo(smallParams)
                .isEqualTo(NetworkFactory.trainableParamCount(small));
        assertThat(metric(score, Metric.MACS)).isEqualTo(784 * 32 + 32 * 10);
        assertThat(metric(score, Metric.COMPRESSION_RATIO)).as("against the dense architecture's fp32 size")
                .isEqualTo(4.0 * DENSE / metric(score, Metric.MODEL_SIZE_BYTES)).isGreaterThan(3.5);
    }

    @Test
    void aPlainDl4jZipIsRefused() {
        SmallModels.Trained legacy = SmallModels.saveLegacy(store, "campaign-c", "legacy", trained);
        TrialScore score = score(legacy, "legacy", 0.8);

        assertThat(score.outcome()).isEqualTo(TrialScore.Outcome.FAILED);
        assertThat(score.failureReason()).isEqualTo("cannot load model " + legacy.artifactPath()
                + ": not a compressed artifact (no manifest; a plain DL4J model zip is not scored)");
        assertThat(score.metrics()).isEmpty();
        assertThat(score.artifactSha256()).isNull();
    }

    @Test
    void withoutAnUncompressedAccuracyThereIsNoAccuracyDrop() {
        TrialScore score = scorer.score(SmallModels.trainedResult("campaign-c", "fp32", fp32.artifactPath(),
                fp32.paramCount(), null, null));

        assertThat(score.outcome()).as(score.failureReason()).isEqualTo(TrialScore.Outcome.SCORED);
        assertThat(score.metrics()).doesNotContainKey(Metric.ACCURACY_DROP.wireName())
                .containsKey(Metric.COMPRESSION_RATIO.wireName());
    }

    private static TrialScore score(SmallModels.Trained model, String trialId, double uncompressedValAccuracy) {
        return scorer.score(SmallModels.trainedResult("campaign-c", trialId, model.artifactPath(), model.paramCount(),
                uncompressedValAccuracy, null));
    }

    private static double metric(TrialScore score, Metric metric) {
        return score.metrics().get(metric.wireName());
    }
}
