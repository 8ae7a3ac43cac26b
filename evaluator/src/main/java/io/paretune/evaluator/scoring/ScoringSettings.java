package io.paretune.evaluator.scoring;

/**
 * How much work the scorer spends on each measurement.
 *
 * @param inferenceBatchSize      images per forward pass when measuring accuracy and loss
 * @param latencyWarmup           untimed batch-1 passes before timing
 * @param latencyRepetitions      timed batch-1 passes
 * @param throughputBatchSize     images per throughput batch
 * @param throughputWarmupBatches untimed throughput batches
 * @param throughputBatches       timed throughput batches
 */
public record ScoringSettings(int inferenceBatchSize, int latencyWarmup, int latencyRepetitions,
                              int throughputBatchSize, int throughputWarmupBatches, int throughputBatches) {

    /** The defaults of {@code paretune.evaluator.*}. */
    public static final ScoringSettings DEFAULTS = new ScoringSettings(1000, 50, 500, 256, 3, 20);

    public ScoringSettings {
        requirePositive("inferenceBatchSize", inferenceBatchSize);
        requirePositive("latencyRepetitions", latencyRepetitions);
        requirePositive("throughputBatchSize", throughputBatchSize);
        requirePositive("throughputBatches", throughputBatches);
        if (latencyWarmup < 0 || throughputWarmupBatches < 0) {
            throw new IllegalArgumentException("warm-up counts must not be negative");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
