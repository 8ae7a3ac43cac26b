package io.paretune.contract.search;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a trial compresses its model, the same for every family (see {@link CompressionParameters} for the
 * parameters and their rules). Settings a trial's pruning method does not use are normalised away (zero, or
 * {@link Scope#GLOBAL}), so two trials that compress alike have equal configurations.
 *
 * <pre>{@code
 * CompressionConfig c = ModelFamily.require("mlp").resolve(params, maxEpochs).compression();
 * if (c.pruning() == CompressionConfig.Pruning.MAGNITUDE) {
 *     int pruneAfter = c.oneShotEpoch(config.epochs()); // train, prune after this epoch, then fine-tune
 * }
 * }</pre>
 *
 * @param targetSparsity  fraction of prunable weights set to zero (for {@link Pruning#STRUCTURED}: of units removed)
 * @param fineTuneEpochs  epochs trained after one-shot pruning, out of the trial's epochs
 * @param pruneStartEpoch gradual pruning starts after this many epochs (0: with the first update)
 * @param pruneEndEpoch   gradual pruning reaches {@code targetSparsity} at the end of this epoch
 */
public record CompressionConfig(Pruning pruning, double targetSparsity, Scope scope, int fineTuneEpochs,
                                int pruneStartEpoch, int pruneEndEpoch, Precision precision) {

    /** No pruning, fp32 weights: what a trial that names no compression parameter gets. */
    public static final CompressionConfig NONE = new CompressionConfig(Pruning.NONE, 0, Scope.GLOBAL, 0, 0, 0,
            Precision.FP32);

    /** How weights are removed. */
    public enum Pruning {
        /** Dense network. */
        NONE,
        /** Smallest weights zeroed once after training, then {@code fineTuneEpochs} with the mask held. */
        MAGNITUDE,
        /** Zhu &amp; Gupta (2017): sparsity raised on a cubic schedule during training, masks held after each update. */
        GRADUAL,
        /** Whole neurons and filters of lowest L1 norm removed: a physically smaller network, then fine-tuned. */
        STRUCTURED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for a name that is none of the methods */
        public static Pruning fromWire(String name) {
            return CompressionConfig.fromWire(Pruning.class, name);
        }
    }

    /** Where the sparsity is reached: over all layers together, or in each layer alike. */
    public enum Scope {
        /** One threshold over every prunable layer: layers with many small weights lose more. */
        GLOBAL,
        /** The same fraction of every prunable layer. */
        LAYER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Scope fromWire(String name) {
            return CompressionConfig.fromWire(Scope.class, name);
        }
    }

    /** How the trained weights are stored (training itself is always fp32). */
    public enum Precision {
        FP32, FP16,
        /** Symmetric, one scale per output channel. */
        INT8;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Precision fromWire(String name) {
            return CompressionConfig.fromWire(Precision.class, name);
        }
    }

    public boolean prunes() {
        return pruning != Pruning.NONE;
    }

    /**
     * The epoch after which one-shot ({@link Pruning#MAGNITUDE}, {@link Pruning#STRUCTURED}) pruning happens: the
     * trial's epochs less the fine-tuning ones.
     */
    public int oneShotEpoch(int trialEpochs) {
        return trialEpochs - fineTuneEpochs;
    }

    /**
     * Units a layer keeps when {@code fraction} of its {@code units} are removed: {@code round((1 − fraction) ·
     * units)}. Structured pruning with {@link Scope#LAYER} keeps exactly this many; a result below 1 is refused.
     */
    public static int keptUnits(int units, double fraction) {
        return (int) Math.round((1 - fraction) * units);
    }

    private static <E extends Enum<E>> E fromWire(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName().toLowerCase(Locale.ROOT)
                        + " '" + name + "'"));
    }
}
