package io.paretune.ml.compress;

import io.paretune.contract.search.CompressionConfig;
import io.paretune.contract.search.CompressionConfig.Scope;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Structured pruning: whole neurons of dense layers and whole filters of convolutions removed, ranked by the L1
 * norm of their incoming weights, giving a physically smaller network (fewer units, the next layer's inputs and
 * any batch normalization in between cut to match) that runs faster on dense kernels, unlike a masked one. Before
 * fine-tuning, the smaller network computes what {@link #masked} computes: the same network with the removed
 * units' weights zeroed.
 *
 * <p>Shrinkable are hidden {@link DenseLayer}s and {@link ConvolutionLayer}s whose outputs reach the next dense,
 * output or convolution layer through nothing but batch normalization, pooling, activation or dropout layers
 * (every network of {@code MlpNetworkFactory} and {@code CnnNetworkFactory}). The output layer keeps its classes.
 * The smaller network starts with a fresh updater state; its configuration (iteration count included) is the
 * original one with the sizes changed.
 *
 * <pre>{@code
 * CompressionConfig c = config.compression();              // pruning: structured
 * StructuredPruning.Plan plan = StructuredPruning.plan(net, c.targetSparsity(), c.scope());
 * MultiLayerNetwork small = StructuredPruning.shrink(net, plan);
 * net = small;                                              // then fine-tune for c.fineTuneEpochs()
 * }</pre>
 */
public final class StructuredPruning {

    private static final Set<Class<?>> PASS_THROUGH = Set.of(BatchNormalization.class, SubsamplingLayer.class,
            ActivationLayer.class, DropoutLayer.class);

    private StructuredPruning() {
    }

    /**
     * Which units each shrinkable layer keeps.
     *
     * @param kept        by layer index, the indices of the kept units or filters, ascending
     * @param unitsBefore units and filters of the shrinkable layers before pruning
     */
    public record Plan(Map<Integer, int[]> kept, long unitsBefore) {

        public Plan {
            kept = Map.copyOf(kept);
        }

        /** Units and filters the shrinkable layers keep. */
        public long unitsAfter() {
            return kept.values().stream().mapToLong(k -> k.length).sum();
        }

        @Override
        public String toString() {
            Map<Integer, Integer> sizes = new TreeMap<>();
            kept.forEach((layer, k) -> sizes.put(layer, k.length));
            return "Plan[units kept by layer " + sizes + ", of " + unitsBefore + "]";
        }
    }

    /**
     * Indices of the shrinkable layers (see the class comment).
     */
    public static List<Integer> shrinkableLayers(MultiLayerNetwork net) {
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Class<?> type = layerConf(net, i).getClass();
            if ((type == DenseLayer.class || type == ConvolutionLayer.class) && consumerOf(net, i) >= 0) {
                layers.add(i);
            }
        }
        return layers;
    }

    /**
     * The units to keep when {@code fraction} of them are removed. {@link Scope#LAYER}: each layer keeps
     * {@link CompressionConfig#keptUnits}{@code (units, fraction)} of highest L1 norm. {@link Scope#GLOBAL}: the
     * {@code round(fraction · all units)} units of lowest L1 norm relative to their layer's mean go, but every layer
     * keeps at least one. Raw norms, or norms over fan-in, do not compare across layers: the input layer's weights
     * are smaller (wide fan-in, many near-empty pixels), so ranking by them empties the first layer and leaves a
     * bottleneck no fine-tuning recovers from.
     *
     * @throws IllegalArgumentException when the network has no shrinkable layer, or a layer would lose every unit
     */
    public static Plan plan(MultiLayerNetwork net, double fraction, Scope scope) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1): " + fraction);
        }
        List<Integer> layers = shrinkableLayers(net);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the network has no layer structured pruning can shrink");
        }
        Map<Integer, double[]> norms = new LinkedHashMap<>();
        long units = 0;
        for (int layer : layers) {
            double[] l1 = l1PerUnit(net, layer);
            norms.put(layer, l1);
            units += l1.length;
        }
        Map<Integer, int[]> kept = new LinkedHashMap<>();
        if (scope == Scope.LAYER) {
            norms.forEach((layer, l1) -> {
                int keep = CompressionConfig.keptUnits(l1.length, fraction);
                if (keep < 1) {
                    throw new IllegalArgumentException("removing " + fraction + " of layer " + layer + "'s " + l1.length
                            + " units leaves none");
                }
                kept.put(layer, strongest(l1, keep));
            });
        } else {
            kept.putAll(globalPlan(norms, Math.round(fraction * units)));
        }
        return new Plan(kept, units);
    }

    private static Map<Integer, int[]> globalPlan(Map<Integer, double[]> norms, long remove) {
        record Unit(int layer, int index, double score) {
        }
        List<Unit> all = new ArrayList<>();
        Map<Integer, Integer> left = new LinkedHashMap<>();
        norms.forEach((layer, l1) -> {
            double mean = Arrays.stream(l1).average().orElse(0);
            for (int u = 0; u < l1.length; u++) {
                all.add(new Unit(layer, u, mean > 0 ? l1[u] / mean : 0));
            }
            left.put(layer, l1.length);
        });
        all.sort(Comparator.comparingDouble(Unit::score));
        Map<Integer, boolean[]> removed = new LinkedHashMap<>();
        norms.forEach((layer, l1) -> removed.put(layer, new boolean[l1.length]));
        long count = 0;
        for (Unit unit : all) {
            if (count == remove) {
                break;
            }
            if (left.get(unit.layer()) > 1) {
                removed.get(unit.layer())[unit.index()] = true;
                left.merge(unit.layer(), -1, Integer::sum);
                count++;
            }
        }
        Map<Integer, int[]> kept = new LinkedHashMap<>();
        removed.forEach((layer, r) -> kept.put(layer, IntStream.range(0, r.length).filter(u -> !r[u]).toArray()));
        return kept;
    }

    /** The {@code keep} indices of largest norm, ascending; equal norms favour the lower index. */
    private static int[] strongest(double[] l1, int keep) {
        return IntStream.range(0, l1.length).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> -l1[u]).thenComparingInt(u -> u))
                .limit(keep).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** L1 norm of each unit's (or filter's) incoming weights. */
    static double[] l1PerUnit(MultiLayerNetwork net, int layer) {
        INDArray w = net.getParam(layer + "_" + DefaultParamInitializer.WEIGHT_KEY);
        ChannelLayout layout = new ChannelLayout(w.shape(), PrunableWeights.outputAxis(net.getLayer(layer)));
        float[] values = PrunableWeights.values(w);
        double[] l1 = new double[layout.channels()];
        for (int i = 0; i < values.length; i++) {
            l1[layout.channelOf(i)] += Math.abs(values[i]);
        }
        return l1;
    }

    /** {@code shrink(net, plan(net, fraction, scope))}. */
    public static MultiLayerNetwork shrink(MultiLayerNetwork net, double fraction, Scope scope) {
        return shrink(net, plan(net, fraction, scope));
    }

    /**
     * A new, smaller network: the planned units kept with their weights, the layers reading them cut to match,
     * every other parameter copied. {@code net} is not changed.
     */
    public static MultiLayerNetwork shrink(MultiLayerNetwork net, Plan plan) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        Map<String, List<Cut>> cuts = cuts(net, plan, conf);
        MultiLayerNetwork small = new MultiLayerNetwork(conf);
        small.init();
        for (Map.Entry<String, INDArray> param : net.paramTable().entrySet()) {
            long[] shape = param.getValue().shape().clone();
            float[] values = PrunableWeights.values(param.getValue());
            for (Cut cut : cuts.getOrDefault(param.getKey(), List.of())) {
                values = cut.select(values, shape);
                shape[cut.axis()] = cut.kept().length;
            }
            small.getParam(param.getKey()).assign(Nd4j.create(values, shape, 'c'));
        }
        return small;
    }

    /**
     * A copy of {@code net}, same sizes, with the units {@code plan} removes zeroed: their incoming weights, biases
     * and batch normalization, and the next layer's weights that read them. What {@link #shrink} must compute.
     */
    public static MultiLayerNetwork masked(MultiLayerNetwork net, Plan plan) {
        MultiLayerNetwork copy = net.clone();
        cuts(net, plan, null).forEach((key, cuts) -> {
            INDArray param = copy.getParam(key);
            float[] values = PrunableWeights.values(param);
            for (Cut cut : cuts) {
                cut.zeroOthers(values, param.shape());
            }
            param.assign(Nd4j.create(values, param.shape(), 'c'));
        });
        return copy;
    }

    /**
     * What the plan cuts, by parameter key, following the kept channels from each shrunk layer to the next weighted
     * one; when {@code resize} is given, its layer sizes are changed to match.
     */
    private static Map<String, List<Cut>> cuts(MultiLayerNetwork net, Plan plan, MultiLayerConfiguration resize) {
        for (Map.Entry<Integer, int[]> e : plan.kept().entrySet()) {
            checkPlanned(net, e.getKey(), e.getValue());
        }
        Map<String, List<Cut>> cuts = new LinkedHashMap<>();
        int[] flowing = null; // channels reaching the next layer, when some were removed
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = layerConf(net, i);
            Layer resized = resize == null ? null : resize.getConf(i).getLayer();
            if (layer instanceof BatchNormalization) {
                if (flowing != null) {
                    for (String key : net.getLayer(i).paramTable().keySet()) {
                        cuts.put(i + "_" + key, List.of(new Cut(net.getLayer(i).getParam(key).rank() - 1, flowing)));
                    }
                    if (resized != null) {
                        ((FeedForwardLayer) resized).setNIn(flowing.length);
                        ((FeedForwardLayer) resized).setNOut(flowing.length);
                    }
                }
            } else if (isWeighted(layer)) {
                List<Cut> weightCuts = new ArrayList<>();
                int[] out = plan.kept().get(i);
                int outAxis = PrunableWeights.outputAxis(net.getLayer(i));
                if (flowing != null) {
                    int[] in = flowing;
                    InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                    if (pre instanceof CnnToFeedForwardPreProcessor flatten) {
                        // Flattened [channels, height, width] in row-major order: channel c is a block of h·w rows.
                        in = expand(flowing, (int) (flatten.getInputHeight() * flatten.getInputWidth()));
                        if (resize != null) {
                            ((CnnToFeedForwardPreProcessor) resize.getInputPreProcess(i)).setNumChannels(flowing.length);
                        }
                    }
                    weightCuts.add(new Cut(1 - outAxis, in));
                    if (resized != null) {
                        ((FeedForwardLayer) resized).setNIn(in.length);
                    }
                }
                if (out != null) {
                    weightCuts.add(new Cut(outAxis, out));
                    INDArray bias = net.getLayer(i).paramTable().get(DefaultParamInitializer.BIAS_KEY);
                    if (bias != null) {
                        cuts.put(i + "_" + DefaultParamInitializer.BIAS_KEY, List.of(new Cut(bias.rank() - 1, out)));
                    }
                    if (resized != null) {
                        ((FeedForwardLayer) resized).setNOut(out.length);
                    }
                }
                if (!weightCuts.isEmpty()) {
                    cuts.put(i + "_" + DefaultParamInitializer.WEIGHT_KEY, weightCuts);
                }
                flowing = out;
            }
        }
        return cuts;
    }

    private static void checkPlanned(MultiLayerNetwork net, int layer, int[] kept) {
        if (!shrinkableLayers(net).contains(layer)) {
            throw new IllegalArgumentException("layer " + layer + " cannot be shrunk; shrinkable: " + shrinkableLayers(net));
        }
        long units = net.getParam(layer + "_" + DefaultParamInitializer.WEIGHT_KEY).size(
                PrunableWeights.outputAxis(net.getLayer(layer)));
        for (int k = 0; k < kept.length; k++) {
            if (kept[k] < 0 || kept[k] >= units || k > 0 && kept[k] <= kept[k - 1]) {
                throw new IllegalArgumentException("layer " + layer + " keeps " + Arrays.toString(kept)
                        + ": not ascending indices of its " + units + " units");
            }
        }
        if (kept.length == 0) {
            throw new IllegalArgumentException("layer " + layer + " would keep no unit");
        }
    }

    /** Channel indices as the indices of their blocks of {@code block} flattened values. */
    private static int[] expand(int[] channels, int block) {
        int[] rows = new int[channels.length * block];
        for (int c = 0; c < channels.length; c++) {
            for (int p = 0; p < block; p++) {
                rows[c * block + p] = channels[c] * block + p;
            }
        }
        return rows;
    }

    /** The index of the weighted layer that reads layer {@code i}'s outputs, or -1 when another kind is in between. */
    private static int consumerOf(MultiLayerNetwork net, int i) {
        for (int j = i + 1; j < net.getnLayers(); j++) {
            Layer next = layerConf(net, j);
            if (isWeighted(next)) {
                return j;
            }
            if (!PASS_THROUGH.contains(next.getClass())) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isWeighted(Layer layer) {
        return layer.getClass() == DenseLayer.class || layer.getClass() == OutputLayer.class
                || layer.getClass() == ConvolutionLayer.class;
    }

    private static Layer layerConf(MultiLayerNetwork net, int i) {
        return net.getLayerWiseConfigurations().getConf(i).getLayer();
    }

    /** Keeping only {@code kept} indices along one axis of a row-major array. */
    private record Cut(int axis, int[] kept) {

        float[] select(float[] values, long[] shape) {
            long[] sizes = sizes(shape);
            int outer = (int) sizes[0];
            int dim = (int) shape[axis];
            int inner = (int) sizes[1];
            float[] out = new float[outer * kept.length * inner];
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < kept.length; j++) {
                    System.arraycopy(values, (o * dim + kept[j]) * inner, out, (o * kept.length + j) * inner, inner);
                }
            }
            return out;
        }

        void zeroOthers(float[] values, long[] shape) {
            long[] sizes = sizes(shape);
            int dim = (int) shape[axis];
            int inner = (int) sizes[1];
            boolean[] keep = new boolean[dim];
            for (int k : kept) {
                keep[k] = true;
            }
            for (int o = 0; o < sizes[0]; o++) {
                for (int k = 0; k < dim; k++) {
                    if (!keep[k]) {
                        Arrays.fill(values, (o * dim + k) * inner, (o * dim + k + 1) * inner, 0f);
                    }
                }
            }
        }

        /** Elements before and after {@code axis}: {outer, inner}. */
        private long[] sizes(long[] shape) {
            long outer = 1;
            long inner = 1;
            for (int d = 0; d < shape.length; d++) {
                if (d < axis) {
                    outer *= shape[d];
                } else if (d > axis) {
                    inner *= shape[d];
                }
            }
            return new long[]{outer, inner};
        }
    }
}
