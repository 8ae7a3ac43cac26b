package io.paretune.contract.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The parameters of the {@code mlp} model family (a multi-layer perceptron of equal-width hidden layers): the
 * catalogue the spec is validated against, and the typed configuration a worker builds its network from.
 *
 * <pre>{@code
 * MlpParameters.Config config = MlpParameters.resolve(job.params(), job.maxEpochs());
 * int width = config.units();
 * }</pre>
 */
public final class MlpParameters {

    public static final String HIDDEN_LAYERS = "hiddenLayers";
    public static final String UNITS = "units";
    public static final String ACTIVATION = "activation";
    public static final String DROPOUT = "dropout";
    public static final String L1 = "l1";
    public static final String L2 = "l2";
    public static final String BATCH_NORM = "batchNorm";
    public static final String LEARNING_RATE = "learningRate";
    public static final String OPTIMIZER = "optimizer";
    public static final String BATCH_SIZE = "batchSize";
    public static final String EPOCHS = "epochs";

    public static final List<Object> ACTIVATIONS = List.of("relu", "leakyrelu", "elu", "gelu", "swish", "tanh", "sigmoid");
    public static final List<Object> OPTIMIZERS = List.of("adam", "nadam", "amsgrad", "sgd", "nesterovs", "rmsprop", "adagrad");

    /** Bounds for {@link #EPOCHS} are set by the campaign's {@code maxEpochsPerTrial}, checked separately. */
    private static final Map<String, ParameterRule> RULES = catalogue();

    private MlpParameters() {
    }

    private static Map<String, ParameterRule> catalogue() {
        Map<String, ParameterRule> r = new LinkedHashMap<>();
        put(r, ParameterRule.numeric(HIDDEN_LAYERS, ValueKind.INT, 0, 8, 2L, "number of hidden layers (0: softmax regression)"));
        put(r, ParameterRule.numeric(UNITS, ValueKind.INT, 1, 4096, 128L, "units in every hidden layer"));
        put(r, ParameterRule.choice(ACTIVATION, ValueKind.STRING, ACTIVATIONS, "relu", "hidden-layer activation"));
        put(r, ParameterRule.numeric(DROPOUT, ValueKind.FLOAT, 0, 0.95, 0.0, "probability of dropping a hidden unit in training"));
        putPenalties(r);
        put(r, ParameterRule.choice(BATCH_NORM, ValueKind.BOOLEAN, List.of(true, false), false, "batch normalization after each hidden layer"));
        putTraining(r);
        CompressionParameters.putRules(r);
        return Map.copyOf(r);
    }

    /** L1 and L2 weight penalties: the same for every family. */
    static void putPenalties(Map<String, ParameterRule> r) {
        put(r, ParameterRule.numeric(L1, ValueKind.FLOAT, 0, 1, 0.0, "L1 weight penalty"));
        put(r, ParameterRule.numeric(L2, ValueKind.FLOAT, 0, 1, 0.0, "L2 weight penalty"));
    }

    /** Optimizer, learning rate, batch size and epochs: the same for every family. */
    static void putTraining(Map<String, ParameterRule> r) {
        put(r, ParameterRule.numeric(LEARNING_RATE, ValueKind.FLOAT, 1e-7, 1, 1e-3, "optimizer learning rate"));
        put(r, ParameterRule.choice(OPTIMIZER, ValueKind.STRING, OPTIMIZERS, "adam", "optimizer"));
        put(r, ParameterRule.numeric(BATCH_SIZE, ValueKind.INT, 1, 4096, 128L, "minibatch size"));
        put(r, ParameterRule.numeric(EPOCHS, ValueKind.INT, 1, Integer.MAX_VALUE, null, "epochs to train (at most maxEpochsPerTrial; default: maxEpochsPerTrial)"));
    }

    private static void put(Map<String, ParameterRule> rules, ParameterRule rule) {
        rules.put(rule.name(), rule);
    }

    /** Every parameter the family knows, by name. */
    public static Map<String, ParameterRule> rules() {
        return RULES;
    }

    /** The typed settings of one trial. */
    public record Config(int hiddenLayers, int units, String activation, double dropout, double l1, double l2,
                         boolean batchNorm, double learningRate, String optimizer, int batchSize, int epochs,
                         CompressionConfig compression) implements ModelConfig {

        @Override
        public String family() {
            return ModelFamily.MLP.wireName();
        }
    }

    /**
     * Turns a trial's sampled values into a configuration, taking defaults for absent parameters.
     *
     * @throws IllegalArgumentException naming the parameter when a value is not allowed
     */
    public static Config resolve(Map<String, Object> params, int maxEpochs) {
        FamilyValues.check("mlp", RULES, params);
        int epochs = FamilyValues.epochs(RULES, params, maxEpochs);
        return new Config(
                FamilyValues.intValue(RULES, params, HIDDEN_LAYERS),
                FamilyValues.intValue(RULES, params, UNITS),
                (String) FamilyValues.value(RULES, params, ACTIVATION),
                FamilyValues.doubleValue(RULES, params, DROPOUT),
                FamilyValues.doubleValue(RULES, params, L1),
                FamilyValues.doubleValue(RULES, params, L2),
                (Boolean) FamilyValues.value(RULES, params, BATCH_NORM),
                FamilyValues.doubleValue(RULES, params, LEARNING_RATE),
                (String) FamilyValues.value(RULES, params, OPTIMIZER),
                FamilyValues.intValue(RULES, params, BATCH_SIZE),
                epochs,
                CompressionParameters.resolve(ModelFamily.MLP, RULES, params, epochs));
    }

    /**
     * Units of the smallest hidden layer (structured pruning shrinks hidden layers only; 0: there is none), or null
     * when {@code value} does not know the values that decide it.
     */
    static Integer smallestPrunableLayer(Function<String, Object> value) {
        if (value.apply(HIDDEN_LAYERS) instanceof Number layers && layers.intValue() == 0) {
            return 0;
        }
        return value.apply(HIDDEN_LAYERS) != null && value.apply(UNITS) instanceof Number units ? units.intValue() : null;
    }
}
