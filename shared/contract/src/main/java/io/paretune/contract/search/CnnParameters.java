package io.paretune.contract.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The parameters of the {@code cnn} model family (a small convolutional network for 28×28 grey images): the
 * catalogue the spec is validated against, and the typed configuration a worker builds its network from.
 *
 * <p>The network is {@code convLayers} blocks of [convolution {@code kernelSize}×{@code kernelSize} with "same"
 * padding → optional batch normalization → 2×2 pooling], block {@code i} (from 0) having
 * {@code round(filters · filterGrowth^i)} filters, then an optional dense layer of {@code denseUnits}, then a softmax
 * of 10 classes. The defaults give the reference CNN of the trainer benchmark: conv 5×5×32 → max-pool → conv 5×5×64 →
 * max-pool → softmax 10, 83,466 parameters.
 *
 * <pre>{@code
 * CnnParameters.Config config = CnnParameters.resolve(job.params(), job.maxEpochs());
 * int secondBlockFilters = config.filtersOf(1); // 64 with the defaults
 * }</pre>
 */
public final class CnnParameters {

    public static final String CONV_LAYERS = "convLayers";
    public static final String FILTERS = "filters";
    public static final String FILTER_GROWTH = "filterGrowth";
    public static final String KERNEL_SIZE = "kernelSize";
    public static final String POOLING = "pooling";
    public static final String DENSE_UNITS = "denseUnits";
    public static final String ACTIVATION = "activation";
    public static final String DROPOUT = "dropout";
    public static final String L1 = "l1";
    public static final String L2 = "l2";
    public static final String BATCH_NORM = "batchNorm";
    public static final String LEARNING_RATE = "learningRate";
    public static final String OPTIMIZER = "optimizer";
    public static final String BATCH_SIZE = "batchSize";
    public static final String EPOCHS = "epochs";

    public static final List<Object> KERNEL_SIZES = List.of(3L, 5L);
    public static final List<Object> POOLINGS = List.of("max", "avg");

    /** Bounds for {@link #EPOCHS} are set by the campaign's {@code maxEpochsPerTrial}, checked separately. */
    private static final Map<String, ParameterRule> RULES = catalogue();

    private CnnParameters() {
    }

    private static Map<String, ParameterRule> catalogue() {
        Map<String, ParameterRule> r = new LinkedHashMap<>();
        // Four 2×2 poolings take 28×28 down to 2×2 ("same" padding rounds up): more blocks would pool nothing.
        put(r, ParameterRule.numeric(CONV_LAYERS, ValueKind.INT, 1, 4, 2L, "convolution blocks (convolution, optional batch norm, 2×2 pooling)"));
        put(r, ParameterRule.numeric(FILTERS, ValueKind.INT, 1, 256, 32L, "filters of the first convolution"));
        put(r, ParameterRule.numeric(FILTER_GROWTH, ValueKind.FLOAT, 1, 2, 2.0, "factor between the filters of one block and the next (2: doubling)"));
        put(r, ParameterRule.choice(KERNEL_SIZE, ValueKind.INT, KERNEL_SIZES, 5L, "side of the square convolution kernels"));
        put(r, ParameterRule.choice(POOLING, ValueKind.STRING, POOLINGS, "max", "2×2 pooling after each convolution"));
        put(r, ParameterRule.numeric(DENSE_UNITS, ValueKind.INT, 0, 4096, 0L, "units of a dense layer before the output (0: none, the pooled features go straight to the softmax)"));
        put(r, ParameterRule.choice(ACTIVATION, ValueKind.STRING, MlpParameters.ACTIVATIONS, "relu", "activation of the convolutions and the dense layer"));
        put(r, ParameterRule.numeric(DROPOUT, ValueKind.FLOAT, 0, 0.95, 0.0, "probability of dropping a pooled feature (and a dense unit) in training"));
        MlpParameters.putPenalties(r);
        put(r, ParameterRule.choice(BATCH_NORM, ValueKind.BOOLEAN, List.of(true, false), false, "batch normalization after each convolution"));
        MlpParameters.putTraining(r);
        CompressionParameters.putRules(r);
        return Map.copyOf(r);
    }

    private static void put(Map<String, ParameterRule> rules, ParameterRule rule) {
        rules.put(rule.name(), rule);
    }

    /** Every parameter the family knows, by name. */
    public static Map<String, ParameterRule> rules() {
        return RULES;
    }

    /** The typed settings of one trial. */
    public record Config(int convLayers, int filters, double filterGrowth, int kernelSize, String pooling,
                         int denseUnits, String activation, double dropout, double l1, double l2, boolean batchNorm,
                         double learningRate, String optimizer, int batchSize, int epochs,
                         CompressionConfig compression) implements ModelConfig {

        /** Filters of convolution block {@code block} (from 0): {@code round(filters · filterGrowth^block)}. */
        public int filtersOf(int block) {
            return (int) Math.max(1, Math.round(filters * Math.pow(filterGrowth, block)));
        }

        @Override
        public String family() {
            return ModelFamily.CNN.wireName();
        }
    }

    /**
     * Turns a trial's sampled values into a configuration, taking defaults for absent parameters.
     *
     * @throws IllegalArgumentException naming the parameter when a value is not allowed
     */
    public static Config resolve(Map<String, Object> params, int maxEpochs) {
        FamilyValues.check("cnn", RULES, params);
        int epochs = FamilyValues.epochs(RULES, params, maxEpochs);
        return new Config(
                FamilyValues.intValue(RULES, params, CONV_LAYERS),
                FamilyValues.intValue(RULES, params, FILTERS),
                FamilyValues.doubleValue(RULES, params, FILTER_GROWTH),
                FamilyValues.intValue(RULES, params, KERNEL_SIZE),
                (String) FamilyValues.value(RULES, params, POOLING),
                FamilyValues.intValue(RULES, params, DENSE_UNITS),
                (String) FamilyValues.value(RULES, params, ACTIVATION),
                FamilyValues.doubleValue(RULES, params, DROPOUT),
                FamilyValues.doubleValue(RULES, params, L1),
                FamilyValues.doubleValue(RULES, params, L2),
                (Boolean) FamilyValues.value(RULES, params, BATCH_NORM),
                FamilyValues.doubleValue(RULES, params, LEARNING_RATE),
                (String) FamilyValues.value(RULES, params, OPTIMIZER),
                FamilyValues.intValue(RULES, params, BATCH_SIZE),
                epochs,
                CompressionParameters.resolve(ModelFamily.CNN, RULES, params, epochs));
    }

    /**
     * Units of the smallest layer structured pruning would shrink, or null when {@code value} does not know the
     * values that decide it. Filters never shrink from one block to the next ({@code filterGrowth} ≥ 1), so the
     * first convolution is the smallest one.
     */
    static Integer smallestPrunableLayer(Function<String, Object> value) {
        if (!(value.apply(FILTERS) instanceof Number filters) || !(value.apply(DENSE_UNITS) instanceof Number dense)) {
            return null;
        }
        return dense.intValue() > 0 ? Math.min(filters.intValue(), dense.intValue()) : filters.intValue();
    }
}
