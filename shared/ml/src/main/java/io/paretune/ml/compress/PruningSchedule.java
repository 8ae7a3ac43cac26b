package io.paretune.ml.compress;

import io.paretune.contract.search.CompressionConfig;

/**
 * The gradual pruning schedule of Zhu &amp; Gupta (2017, "To prune, or not to prune"): the sparsity after {@code t}
 * updates is
 * <pre>
 *   s_t = s_f + (s_i − s_f) · (1 − (t − t0) / (n·Δt))³    for t = t0, t0 + Δt, ..., t0 + n·Δt
 * </pre>
 * held between mask updates, 0 before {@code t0} and {@code s_f} from {@code t0 + n·Δt} on. Pruning fast while
 * redundant weights abound and slowly near the target lets the network recover between steps. A pure function of
 * the step, so a resumed training (DL4J keeps the iteration count in the network) continues the same schedule.
 *
 * <pre>{@code
 * // 80 % over epochs 1-3 of 422 updates each, masks recomputed every 42 updates:
 * PruningSchedule schedule = PruningSchedule.ofEpochs(0.8, 0, 3, 422);
 * double s = schedule.sparsityAt(600);   // 0.8 · (1 − (1 − 588/1266)³) = 0.677
 * }</pre>
 *
 * @param initialSparsity s_i, at the first mask update (usually 0)
 * @param finalSparsity   s_f, the target
 * @param startStep       t0: updates before pruning starts
 * @param endStep         t0 + n·Δt: the update at which the target is reached
 * @param updateEvery     Δt: updates between two mask updates
 */
public record PruningSchedule(double initialSparsity, double finalSparsity, long startStep, long endStep,
                              long updateEvery) {

    /** Mask updates per epoch that {@link #ofEpochs} aims for: smooth enough, and sorting weights is not free. */
    public static final int UPDATES_PER_EPOCH = 10;

    public PruningSchedule {
        if (!(initialSparsity >= 0 && initialSparsity <= finalSparsity && finalSparsity < 1)) {
            throw new IllegalArgumentException("sparsities must satisfy 0 <= initial <= final < 1: " + initialSparsity
                    + ", " + finalSparsity);
        }
        if (startStep < 0 || endStep <= startStep || updateEvery < 1) {
            throw new IllegalArgumentException("steps must satisfy 0 <= start < end and updateEvery >= 1: " + startStep
                    + ", " + endStep + ", " + updateEvery);
        }
    }

    /**
     * From 0 after {@code startEpoch} epochs to {@code finalSparsity} at the end of {@code endEpoch}, masks updated
     * about {@value #UPDATES_PER_EPOCH} times per epoch.
     */
    public static PruningSchedule ofEpochs(double finalSparsity, int startEpoch, int endEpoch, long stepsPerEpoch) {
        return new PruningSchedule(0, finalSparsity, startEpoch * stepsPerEpoch, endEpoch * stepsPerEpoch,
                Math.max(1, stepsPerEpoch / UPDATES_PER_EPOCH));
    }

    /** The schedule of a trial's {@link CompressionConfig.Pruning#GRADUAL} settings. */
    public static PruningSchedule of(CompressionConfig compression, long stepsPerEpoch) {
        if (compression.pruning() != CompressionConfig.Pruning.GRADUAL) {
            throw new IllegalArgumentException("a schedule is for gradual pruning, not " + compression.pruning().wireName());
        }
        return ofEpochs(compression.targetSparsity(), compression.pruneStartEpoch(), compression.pruneEndEpoch(),
                stepsPerEpoch);
    }

    /** The sparsity the masks have after {@code step} updates. */
    public double sparsityAt(long step) {
        if (step < startStep) {
            return 0;
        }
        if (step >= endStep) {
            return finalSparsity;
        }
        long lastUpdate = startStep + (step - startStep) / updateEvery * updateEvery;
        double remaining = 1 - (double) (lastUpdate - startStep) / (endStep - startStep);
        return finalSparsity + (initialSparsity - finalSparsity) * remaining * remaining * remaining;
    }

    /** Whether the masks are recomputed after {@code step} updates. */
    public boolean updatesAt(long step) {
        return step >= startStep && step <= endStep && ((step - startStep) % updateEvery == 0 || step == endStep);
    }
}
