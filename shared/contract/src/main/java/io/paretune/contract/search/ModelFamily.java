package io.paretune.contract.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The model families a pipeline campaign can search ({@code "modelFamily"} in the spec, {@code modelFamily} of a
 * {@code TrialJob}): each with its parameter catalogue and the resolution of sampled values into a typed
 * {@link ModelConfig}.
 *
 * <pre>{@code
 * ModelFamily family = ModelFamily.fromWire("cnn").orElseThrow();
 * ParameterRule rule = family.rules().get("kernelSize");
 * ModelConfig config = family.resolve(params, maxEpochs);
 * }</pre>
 */
public enum ModelFamily {

    /** Multi-layer perceptron: {@link MlpParameters}. */
    MLP,
    /** Small convolutional network: {@link CnnParameters}. */
    CNN;

    /** Name used in specs and messages. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every parameter of the family, by name. */
    public Map<String, ParameterRule> rules() {
        return switch (this) {
            case MLP -> MlpParameters.rules();
            case CNN -> CnnParameters.rules();
        };
    }

    /**
     * A trial's sampled values as the family's configuration, defaults for absent parameters.
     *
     * @throws IllegalArgumentException naming the parameter when a value is not allowed
     */
    public ModelConfig resolve(Map<String, Object> params, int maxEpochs) {
        return switch (this) {
            case MLP -> MlpParameters.resolve(params, maxEpochs);
            case CNN -> CnnParameters.resolve(params, maxEpochs);
        };
    }

    /**
     * Units of the smallest layer structured pruning would shrink (0: none), from parameter values as far as
     * {@code value} knows them (null for an unknown value; absent parameters at their defaults); null when they do
     * not decide it.
     */
    Integer smallestPrunableLayer(Function<String, Object> value) {
        return switch (this) {
            case MLP -> MlpParameters.smallestPrunableLayer(value);
            case CNN -> CnnParameters.smallestPrunableLayer(value);
        };
    }

    public static Optional<ModelFamily> fromWire(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(name)).findFirst();
    }

    /** @throws IllegalArgumentException naming the known families when {@code name} is none of them */
    public static ModelFamily require(String name) {
        return fromWire(name).orElseThrow(() -> new IllegalArgumentException("unknown model family '" + name
                + "'; known: " + wireNames()));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ModelFamily::wireName).toList();
    }
}
