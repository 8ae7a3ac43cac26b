package io.paretune.ml.compress;

import io.paretune.contract.search.CompressionConfig.Scope;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Keeps pruned weights at exactly zero while a network trains: after every update (DL4J calls
 * {@code iterationDone} once the parameters have changed) the masks are multiplied in again, so the optimizer's
 * step on a pruned weight never survives. In {@linkplain #gradual gradual} mode it also recomputes the masks on a
 * {@link PruningSchedule}, only ever pruning more.
 *
 * <p>Updates are counted by the network's iteration count, which DL4J keeps in the network (and in a saved
 * model), so a resumed training continues the schedule where it stopped; give it the masks the checkpoint
 * carried ({@link Masks#fromBytes}).
 *
 * <pre>{@code
 * MaskingListener pruning = MaskingListener.gradual(PruningSchedule.of(config.compression(), stepsPerEpoch),
 *         config.compression().scope(), resumedMasks);       // resumedMasks: null on a fresh trial
 * net.setListeners(minibatchStats, pruning);
 * net.fit(batches);
 * byte[] forCheckpoint = pruning.masks().toBytes();         // null masks: pruning has not started yet
 * }</pre>
 */
public final class MaskingListener extends BaseTrainingListener {

    private final PruningSchedule schedule;
    private final Scope scope;
    private volatile Masks masks;

    private MaskingListener(PruningSchedule schedule, Scope scope, Masks masks) {
        this.schedule = schedule;
        this.scope = scope;
        this.masks = masks;
    }

    /** Holds fixed masks (fine-tuning after one-shot pruning). */
    public static MaskingListener holding(Masks masks) {
        return new MaskingListener(null, null, masks);
    }

    /**
     * Prunes on {@code schedule}: magnitude masks of the scheduled sparsity at each of its mask updates, held in
     * between.
     *
     * @param resumed the masks a checkpoint carried, or null
     */
    public static MaskingListener gradual(PruningSchedule schedule, Scope scope, Masks resumed) {
        return new MaskingListener(schedule, scope, resumed);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        // DL4J passes the count of updates before this one.
        long step = iteration + 1L;
        if (schedule != null && (schedule.updatesAt(step) || masks == null && step >= schedule.startStep())) {
            masks = Masks.magnitude(net, schedule.sparsityAt(step), scope, masks);
        }
        if (masks != null) {
            masks.applyTo(net);
        }
    }

    /** The masks now held; null while a gradual schedule has not started. */
    public Masks masks() {
        return masks;
    }
}
