package io.paretune.ml.artifact;

import io.paretune.artifacts.ArtifactLimits;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.ml.model.LayerHelpers;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network configuration read from a file: only DL4J's own configuration classes, only the layer types Paretune
 * builds, and sizes bounded before anything is allocated from them. What the configuration then implies (parameter
 * count, updater state) is what a reader allows the file's arrays to hold.
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = NetworkConfigurations.parse(json, limits);
 * INDArray params = NdArrays.read(in, NetworkConfigurations.paramCount(conf), conf.getDataType(), "coefficients.bin");
 * }</pre>
 */
public final class NetworkConfigurations {

    /** Classes a configuration may name (DL4J's polymorphic JSON): DL4J's and ND4J's own configuration types. */
    private static final List<String> CLASS_PREFIXES = List.of("org.deeplearning4j.nn.conf.",
            "org.deeplearning4j.nn.weights.", "org.nd4j.linalg.activations.", "org.nd4j.linalg.learning.",
            "org.nd4j.linalg.lossfunctions.", "org.nd4j.linalg.schedule.");
    private static final Set<Class<?>> LAYERS = Set.of(DenseLayer.class, OutputLayer.class, ConvolutionLayer.class,
            SubsamplingLayer.class, BatchNormalization.class, ActivationLayer.class, DropoutLayer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NetworkConfigurations() {
    }

    /**
     * The configuration, once its classes, layer types and declared parameters are known to be within bounds: only
     * then may a network be allocated from it.
     */
    public static MultiLayerConfiguration parse(byte[] json, ArtifactLimits limits) throws InvalidArtifactException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidArtifactException("unreadable network configuration: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidArtifactException("unreadable network configuration", e);
        }
        checkClasses(tree);
        MultiLayerConfiguration conf;
        try {
            conf = MultiLayerConfiguration.fromJson(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new InvalidArtifactException("unreadable network configuration: " + e.getMessage(), e);
        }
        List<NeuralNetConfiguration> layers = conf.getConfs();
        if (layers.isEmpty() || layers.size() > limits.maxLayers()) {
            throw new InvalidArtifactException("the configuration has " + layers.size() + " layers; 1 to "
                    + limits.maxLayers() + " allowed");
        }
        long params = 0;
        try {
            for (NeuralNetConfiguration layerConf : layers) {
                Layer layer = layerConf.getLayer();
                if (layer == null || !LAYERS.contains(layer.getClass())) {
                    throw new InvalidArtifactException("layer type "
                            + (layer == null ? "null" : layer.getClass().getSimpleName())
                            + " is not one Paretune builds");
                }
                params = Math.addExact(params, declaredParams(layer));
                if (params > limits.maxParams()) {
                    throw new InvalidArtifactException("the configuration declares more than the "
                            + limits.maxParams() + " parameters allowed");
                }
            }
        } catch (ArithmeticException e) {
            throw new InvalidArtifactException("the configuration declares more parameters than a long holds", e);
        }
        return conf;
    }

    /** Parameter values the network of {@code conf} has: the length its parameter array must have. */
    public static long paramCount(MultiLayerConfiguration conf) throws InvalidArtifactException {
        long count = 0;
        try {
            for (NeuralNetConfiguration layerConf : conf.getConfs()) {
                count = Math.addExact(count, layerConf.getLayer().initializer().numParams(layerConf));
            }
        } catch (RuntimeException e) {
            throw new InvalidArtifactException("the network configuration cannot be sized: " + e.getMessage(), e);
        }
        return count;
    }

    /**
     * The network of a configuration {@link #parse} accepted, with {@code params} (of {@link #paramCount} values)
     * or, when null, freshly initialized ones; DL4J's refusals of it become ours.
     */
    public static MultiLayerNetwork network(MultiLayerConfiguration conf, INDArray params)
            throws InvalidArtifactException {
        LayerHelpers.allow(); // DL4J decides per layer, when it creates it, whether oneDNN computes it
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            if (params == null) {
                net.init();
            } else {
                net.init(params, false);
            }
            return net;
        } catch (RuntimeException e) {
            throw new InvalidArtifactException("the network configuration cannot be built: " + e.getMessage(), e);
        }
    }

    /** Parameters a layer will allocate, from its sizes; overflow is an {@link ArithmeticException}. */
    private static long declaredParams(Layer layer) throws InvalidArtifactException {
        if (!(layer instanceof FeedForwardLayer f)) {
            return 0;
        }
        long nIn = positive(f.getNIn(), "nIn");
        long nOut = positive(f.getNOut(), "nOut");
        if (layer instanceof BatchNormalization) {
            return Math.multiplyExact(4, nOut);
        }
        long weights = Math.multiplyExact(nIn, nOut);
        if (layer instanceof ConvolutionLayer conv) {
            for (int k : conv.getKernelSize()) {
                weights = Math.multiplyExact(weights, positive(k, "kernelSize"));
            }
        }
        return Math.addExact(weights, nOut);
    }

    private static long positive(long value, String what) throws InvalidArtifactException {
        if (value < 1) {
            throw new InvalidArtifactException("a layer declares " + what + " " + value);
        }
        return value;
    }

    private static void checkClasses(JsonNode node) throws InvalidArtifactException {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("@class")) {
                    String name = field.getValue().asText();
                    if (CLASS_PREFIXES.stream().noneMatch(name::startsWith)) {
                        throw new InvalidArtifactException("the configuration names class " + name
                                + ", which is not a DL4J configuration type");
                    }
                }
                checkClasses(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                checkClasses(element);
            }
        }
    }
}
