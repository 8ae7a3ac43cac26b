package io.paretune.contract.search;

/**
 * The typed settings of one trial of any model family: what the training loop needs whatever the network is.
 * Each family's {@code Config} adds its own architecture settings.
 *
 * <pre>{@code
 * ModelConfig config = ModelFamily.require(job.modelFamily()).resolve(job.params(), job.maxEpochs());
 * int batch = config.batchSize();
 * }</pre>
 */
public sealed interface ModelConfig permits MlpParameters.Config, CnnParameters.Config {

    /** The family's wire name ({@code mlp}, {@code cnn}). */
    String family();

    int batchSize();

    /** Epochs the trial trains at full fidelity (its {@code epochs} parameter, capped by {@code maxEpochsPerTrial}). */
    int epochs();

    /** How the trial prunes and stores its weights ({@link CompressionConfig#NONE} when it names no compression parameter). */
    CompressionConfig compression();
}
