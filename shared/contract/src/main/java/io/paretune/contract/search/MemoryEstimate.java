package io.paretune.contract.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What training one network of a family needs in memory beyond the worker's fixed footprint (JVM, data set): its
 * parameters with their gradients, optimizer state and pruning masks, and the activations of one minibatch kept
 * for the backward pass (with a convolution's unfolded input, which DL4J's im2col materializes). All float32.
 * An upper estimate from the architecture alone, so that the controller can refuse a search space whose largest
 * network cannot fit a worker before any trial runs, and a worker can refuse a job instead of being killed by the
 * kernel halfway through it.
 *
 * <pre>{@code
 * MemoryEstimate need = MemoryEstimate.of(config);
 * if (need.totalBytes() > budgetBytes) { ... need.describe() ... }
 * MemoryEstimate worst = MemoryEstimate.largest(ModelFamily.CNN, space); // the space's largest network
 * }</pre>
 *
 * @param parameters      trainable parameters plus batch-norm statistics
 * @param parameterBytes  weights, gradients, optimizer state and masks
 * @param activationBytes activations, their gradients and unfolded convolution inputs of one minibatch
 * @param values          the values the estimate was made for, by parameter name (those that size the network)
 */
public record MemoryEstimate(long parameters, long parameterBytes, long activationBytes, Map<String, Object> values) {

    private static final int FLOAT = 4;
    private static final int IMAGE_SIDE = 28;
    private static final int CLASSES = 10;
    /** Arrays a layer keeps per example and unit for the backward pass: pre-activation, activation, its gradient. */
    private static final int PER_UNIT = 3;
    /** The parameters that size an MLP or a CNN, in the order messages name them: the shape first. */
    private static final List<String> MLP_SIZE = List.of(MlpParameters.HIDDEN_LAYERS, MlpParameters.UNITS,
            MlpParameters.BATCH_SIZE, MlpParameters.OPTIMIZER, MlpParameters.BATCH_NORM, MlpParameters.DROPOUT,
            CompressionParameters.PRUNING);
    private static final List<String> CNN_SIZE = List.of(CnnParameters.CONV_LAYERS, CnnParameters.FILTERS,
            CnnParameters.FILTER_GROWTH, CnnParameters.KERNEL_SIZE, CnnParameters.DENSE_UNITS, CnnParameters.BATCH_SIZE,
            CnnParameters.OPTIMIZER, CnnParameters.BATCH_NORM, CnnParameters.DROPOUT, CompressionParameters.PRUNING);

    public MemoryEstimate {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public long totalBytes() {
        return parameterBytes + activationBytes;
    }

    /** The estimate for one trial's configuration. */
    public static MemoryEstimate of(ModelConfig config) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (config instanceof MlpParameters.Config m) {
            values.put(MlpParameters.HIDDEN_LAYERS, (long) m.hiddenLayers());
            values.put(MlpParameters.UNITS, (long) m.units());
            values.put(MlpParameters.BATCH_SIZE, (long) m.batchSize());
            values.put(MlpParameters.OPTIMIZER, m.optimizer());
            values.put(MlpParameters.BATCH_NORM, m.batchNorm());
            values.put(MlpParameters.DROPOUT, m.dropout());
            values.put(CompressionParameters.PRUNING, m.compression().pruning().name().toLowerCase(Locale.ROOT));
            return estimate(ModelFamily.MLP, values::get);
        }
        if (config instanceof CnnParameters.Config c) {
            values.put(CnnParameters.CONV_LAYERS, (long) c.convLayers());
            values.put(CnnParameters.FILTERS, (long) c.filters());
            values.put(CnnParameters.FILTER_GROWTH, c.filterGrowth());
            values.put(CnnParameters.KERNEL_SIZE, (long) c.kernelSize());
            values.put(CnnParameters.DENSE_UNITS, (long) c.denseUnits());
            values.put(CnnParameters.BATCH_SIZE, (long) c.batchSize());
            values.put(CnnParameters.OPTIMIZER, c.optimizer());
            values.put(CnnParameters.BATCH_NORM, c.batchNorm());
            values.put(CnnParameters.DROPOUT, c.dropout());
            values.put(CompressionParameters.PRUNING, c.compression().pruning().name().toLowerCase(Locale.ROOT));
            return estimate(ModelFamily.CNN, values::get);
        }
        throw new IllegalArgumentException("no memory estimate for " + config.family());
    }

    /**
     * The estimate for the largest network a search space can propose: every sizing parameter at its highest value
     * and each categorical one at its costliest choice (absent ones at their defaults). Conditions are ignored, so
     * this may exceed what any one trial needs, never fall short of it.
     *
     * @param space the campaign's space, every dimension already valid against the family's rules
     */
    public static MemoryEstimate largest(ModelFamily family, Map<String, ParameterSpec> space) {
        Map<String, ParameterRule> rules = family.rules();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : sizing(family)) {
            ParameterSpec spec = space.get(name);
            Object value = spec == null ? rules.get(name).defaultValue() : highest(spec);
            values.put(name, value);
        }
        for (String name : sizing(family)) {
            if (space.get(name) instanceof ParameterSpec.Categorical c) {
                Object costliest = null;
                long most = -1;
                for (Object choice : c.choices()) {
                    values.put(name, choice);
                    long bytes = estimate(family, values::get).totalBytes();
                    if (bytes > most) {
                        most = bytes;
                        costliest = choice;
                    }
                }
                values.put(name, costliest);
            }
        }
        return estimate(family, values::get);
    }

    /** The parameters that size a family's networks. */
    public static List<String> sizing(ModelFamily family) {
        return family == ModelFamily.MLP ? MLP_SIZE : CNN_SIZE;
    }

    /** The sizing parameters that decide the shape (layers, widths, batch), where a smaller value is the fix. */
    public static List<String> shape(ModelFamily family) {
        return family == ModelFamily.MLP ? MLP_SIZE.subList(0, 3) : CNN_SIZE.subList(0, 6);
    }

    /** E.g. "about 1.4 GB (12.6M parameters with gradients and optimizer state 201 MB, activations 1.2 GB)". */
    public String describe() {
        return "about " + bytes(totalBytes()) + " (" + count(parameters) + " parameters with gradients and optimizer "
                + "state " + bytes(parameterBytes) + ", activations of a minibatch " + bytes(activationBytes) + ")";
    }

    /** The values the estimate was made for, as {@code name=value} pairs. */
    public String valuesText() {
        StringBuilder s = new StringBuilder();
        values.forEach((name, value) -> s.append(s.isEmpty() ? "" : ", ").append(name).append('=').append(value));
        return s.toString();
    }

    private static Object highest(ParameterSpec spec) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            return r.high();
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            return r.high();
        }
        if (spec instanceof ParameterSpec.Fixed f) {
            return f.value();
        }
        return ((ParameterSpec.Categorical) spec).choices().get(0);
    }

    private static MemoryEstimate estimate(ModelFamily family, Function<String, Object> value) {
        Map<String, Object> used = new LinkedHashMap<>();
        for (String name : sizing(family)) {
            Object v = value.apply(name);
            used.put(name, v != null ? v : family.rules().get(name).defaultValue());
        }
        Function<String, Object> v = used::get;
        long batch = integer(v, MlpParameters.BATCH_SIZE);
        boolean batchNorm = Boolean.TRUE.equals(v.apply(MlpParameters.BATCH_NORM));
        boolean dropout = number(v, MlpParameters.DROPOUT) > 0;
        int copies = 2 + optimizerStates((String) v.apply(MlpParameters.OPTIMIZER))
                + ("none".equals(v.apply(CompressionParameters.PRUNING)) ? 0 : 1);
        long params;
        long perExample;
        if (family == ModelFamily.MLP) {
            long layers = integer(v, MlpParameters.HIDDEN_LAYERS);
            long units = integer(v, MlpParameters.UNITS);
            long in = (long) IMAGE_SIDE * IMAGE_SIDE;
            params = 0;
            perExample = in;
            for (long i = 0; i < layers; i++) {
                params += in * units + units + (batchNorm ? 4 * units : 0);
                perExample += units * (PER_UNIT + (batchNorm ? 2 : 0) + (dropout ? 1 : 0));
                in = units;
            }
            params += in * CLASSES + CLASSES;
        } else {
            long blocks = integer(v, CnnParameters.CONV_LAYERS);
            long firstFilters = integer(v, CnnParameters.FILTERS);
            double growth = number(v, CnnParameters.FILTER_GROWTH);
            long kernel = integer(v, CnnParameters.KERNEL_SIZE);
            long dense = integer(v, CnnParameters.DENSE_UNITS);
            long side = IMAGE_SIDE;
            long channels = 1;
            params = 0;
            perExample = side * side;
            for (int b = 0; b < blocks; b++) {
                long filters = Math.max(1, Math.round(firstFilters * Math.pow(growth, b)));
                long pixels = side * side;
                params += kernel * kernel * channels * filters + filters + (batchNorm ? 4 * filters : 0);
                // The unfolded input (kernel² · channels per output pixel) and its gradient in the backward pass.
                perExample += 2 * pixels * kernel * kernel * channels;
                perExample += pixels * filters * (PER_UNIT + (batchNorm ? 2 : 0));
                side = (side + 1) / 2;
                perExample += 2 * side * side * filters + (dropout ? side * side * filters : 0);
                channels = filters;
            }
            long in = side * side * channels;
            if (dense > 0) {
                params += in * dense + dense;
                perExample += dense * (PER_UNIT + (dropout ? 1 : 0));
                in = dense;
            }
            params += in * CLASSES + CLASSES;
        }
        perExample += 2L * CLASSES;
        return new MemoryEstimate(params, params * copies * FLOAT, batch * perExample * FLOAT, used);
    }

    /** Arrays of optimizer state per parameter: Adam's two moments, AMSGrad's third, one for the others but SGD. */
    private static int optimizerStates(String optimizer) {
        return switch (optimizer) {
            case "sgd" -> 0;
            case "nesterovs", "rmsprop", "adagrad" -> 1;
            case "amsgrad" -> 3;
            default -> 2;
        };
    }

    private static long integer(Function<String, Object> v, String name) {
        return ((Number) v.apply(name)).longValue();
    }

    private static double number(Function<String, Object> v, String name) {
        return ((Number) v.apply(name)).doubleValue();
    }

    private static String count(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
                : n >= 1_000 ? String.format(Locale.ROOT, "%.1fK", n / 1e3) : Long.toString(n);
    }

    /** Decimal units, as a person reads sizes. */
    public static String bytes(long n) {
        return n >= 1_000_000_000 ? String.format(Locale.ROOT, "%.1f GB", n / 1e9)
                : String.format(Locale.ROOT, "%d MB", Math.round(n / 1e6));
    }
}
