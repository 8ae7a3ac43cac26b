package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/campaigns/{id}/trials/{trialId}/model-card}: what a scored trial's model is, how it was made
 * and measured, and how to run it: everything a person needs to ship the file that
 * {@code GET .../model} serves (whose SHA-256 is {@code artifact.sha256}).
 *
 * <pre>{@code
 * ModelCard card = api.modelCard(campaignId, trialId);
 * double drop = card.compression().accuracyDrop();
 * System.out.println(card.loadSnippet());
 * }</pre>
 *
 * @param params      the trial's sampled parameters (absent ones took their family's defaults)
 * @param metrics     every metric the evaluator scored, by wire name
 * @param loadSnippet a complete Java program that loads the downloaded file with {@code shared/ml}'s loader and
 *                    classifies one image
 */
@Schema(description = "A scored trial's model: what it is, how it was trained, compressed and measured, how to run it")
public record ModelCard(
        String trialId,
        int number,
        String campaignId,
        String campaignName,
        String modelFamily,
        Map<String, Object> params,
        Map<String, Double> metrics,
        CompressionView compression,
        PreprocessingView preprocessing,
        DataView data,
        TrainingView training,
        EvaluationView evaluation,
        ArtifactView artifact,
        String loadSnippet) {

    /**
     * The compression the trial applied and what it achieved. Settings its pruning method does not use are null.
     *
     * @param pruning                 {@code none}, {@code magnitude}, {@code gradual} or {@code structured}
     * @param targetSparsity          fraction of prunable weights to zero (structured: of units to remove)
     * @param prunedAfterEpoch        one-shot pruning happened after this epoch; the epochs after it fine-tuned
     * @param precision               how the weights are stored in the artifact ({@code fp32}, {@code fp16},
     *                                {@code int8})
     * @param computePrecision        the precision inference ran in when the evaluator measured the model
     * @param sparsity                fraction of the prunable weights that are zero in the shipped model
     * @param uncompressedValAccuracy validation accuracy before compression
     * @param valAccuracy             validation accuracy of the shipped model (read back from the artifact)
     * @param accuracyDrop            {@code uncompressedValAccuracy − valAccuracy}
     */
    @Schema(description = "Compression applied (settings unused by the pruning method are null) and achieved")
    public record CompressionView(
            @Schema(enumeration = {"none", "magnitude", "gradual", "structured"}) String pruning,
            @Schema(nullable = true) Double targetSparsity,
            @Schema(nullable = true, enumeration = {"global", "layer"}) String pruningScope,
            @Schema(nullable = true) Integer fineTuneEpochs,
            @Schema(nullable = true) Integer pruneStartEpoch,
            @Schema(nullable = true) Integer pruneEndEpoch,
            @Schema(nullable = true) Integer prunedAfterEpoch,
            @Schema(enumeration = {"fp32", "fp16", "int8"}) String precision,
            @Schema(nullable = true) String computePrecision,
            @Schema(nullable = true) Double sparsity,
            @Schema(nullable = true) Long nonzeroParams,
            @Schema(nullable = true) Long paramCount,
            @Schema(nullable = true) Double compressionRatio,
            @Schema(nullable = true) Double uncompressedValAccuracy,
            @Schema(nullable = true) Double valAccuracy,
            @Schema(nullable = true) Double accuracyDrop) {
    }

    /**
     * What the network takes and gives: the same preprocessing the worker trained with and the evaluator scored with.
     *
     * @param inputShape   {@code [batch, features]} for one image
     * @param pixelScaling how a pixel byte becomes an input value
     * @param classes      the class of each output, in order
     */
    @Schema(description = "Input and output of the network, as trained and scored")
    public record PreprocessingView(String input, List<Integer> inputShape, String dataType, String pixelScaling,
                                    String output, List<String> classes) {
    }

    /**
     * The data the model was trained, validated and tested on.
     *
     * @param splitSeed        seed of the shuffle that picked the validation images
     * @param trainImages      images trained on (after {@code trainLimit})
     * @param validationImages held-out training images the model was selected on
     * @param testImages       images {@code test_accuracy} was measured on, never used to choose
     */
    @Schema(description = "Data set and split")
    public record DataView(String name, double validationFraction, @Schema(nullable = true) Integer trainLimit,
                           long splitSeed, int trainImages, int validationImages, int testImages, String split) {
    }

    /**
     * How the worker trained the model.
     *
     * @param seed      seed of weight initialisation and batch shuffling
     * @param bestEpoch epoch whose weights the model kept (best validation loss)
     * @param maxEpochs epochs the trial would train at full fidelity
     * @param backend   ND4J backend and machine the worker trained on
     */
    @Schema(description = "Training facts the worker reported")
    public record TrainingView(@Schema(nullable = true) Long seed, @Schema(nullable = true) Integer epochsTrained,
                               @Schema(nullable = true) Integer bestEpoch, @Schema(nullable = true) Boolean stoppedEarly,
                               @Schema(nullable = true) Integer maxEpochs, @Schema(nullable = true) Double trainSeconds,
                               @Schema(nullable = true) String backend, @Schema(nullable = true) String workerId) {
    }

    /**
     * Where the figures were measured.
     *
     * @param hardware the evaluator's reference hardware (CPU, cores, backend): latency and throughput are its
     * @param scoredAt when the score completed the trial
     */
    @Schema(description = "Where the evaluator measured the model")
    public record EvaluationView(@Schema(nullable = true) String hardware, @Schema(nullable = true) Instant scoredAt) {
    }

    /**
     * The file {@code GET .../model} serves.
     *
     * @param fileName     the name the download suggests
     * @param path         where it lies, relative to the artifact store
     * @param sizeBytes    its size on disk (the evaluator's {@code model_size_bytes} when the file is gone)
     * @param sha256       hex SHA-256 of the file the evaluator scored; the download is refused if the file differs
     * @param available    whether the file is in the artifact store now
     * @param downloadPath the API path that serves it
     */
    @Schema(description = "The artifact file, as scored")
    public record ArtifactView(String fileName, String format, String path, @Schema(nullable = true) Long sizeBytes,
                               String sha256, boolean available, String downloadPath) {
    }
}
