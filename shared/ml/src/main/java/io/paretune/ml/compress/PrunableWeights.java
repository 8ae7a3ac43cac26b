package io.paretune.ml.compress;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The weights pruning and quantization act on: the {@code W} of dense, output and convolution layers. Biases and
 * batch normalization's parameters are few, and zeroing them does not remove a multiplication, so they stay dense
 * and fp32. Keys are DL4J's flat-vector names ({@code "0_W"}: layer 0's weights), as {@link
 * MultiLayerNetwork#getParam(String)} takes them.
 *
 * <pre>{@code
 * List<String> keys = PrunableWeights.keys(net);        // ["0_W", "1_W", "2_W"] for 784-256-128-10
 * double sparsity = PrunableWeights.sparsity(net);      // fraction of those weights that are exactly zero
 * }</pre>
 */
public final class PrunableWeights {

    private PrunableWeights() {
    }

    /** Keys of the prunable weights, in layer order. */
    public static List<String> keys(MultiLayerNetwork net) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            if (isPrunable(net.getLayer(i))) {
                keys.add(i + "_" + DefaultParamInitializer.WEIGHT_KEY);
            }
        }
        return keys;
    }

    /** Whether a layer's {@code W} is pruned and quantized. */
    public static boolean isPrunable(Layer layer) {
        Object conf = layer.conf().getLayer();
        return (conf instanceof DenseLayer || conf instanceof BaseOutputLayer || conf instanceof ConvolutionLayer)
                && layer.paramTable().containsKey(DefaultParamInitializer.WEIGHT_KEY);
    }

    /**
     * The axis of a prunable weight that indexes output units or filters: 1 for a dense {@code [nIn, nOut]}
     * matrix, 0 for a convolution's {@code [nOut, nIn, kH, kW]}.
     */
    public static int outputAxis(Layer layer) {
        return layer.conf().getLayer() instanceof ConvolutionLayer ? 0 : 1;
    }

    /** Number of prunable weights. */
    public static long count(MultiLayerNetwork net) {
        long count = 0;
        for (String key : keys(net)) {
            count += net.getParam(key).length();
        }
        return count;
    }

    /** Number of prunable weights that are not exactly zero. */
    public static long nonzero(MultiLayerNetwork net) {
        long nonzero = 0;
        for (String key : keys(net)) {
            for (float v : values(net.getParam(key))) {
                if (v != 0) {
                    nonzero++;
                }
            }
        }
        return nonzero;
    }

    /** Fraction of the prunable weights that are exactly zero (0 for a network without any). */
    public static double sparsity(MultiLayerNetwork net) {
        long count = count(net);
        return count == 0 ? 0 : 1 - (double) nonzero(net) / count;
    }

    /** The layer index of a key such as {@code "3_W"}. */
    static int layerOf(String key) {
        return Integer.parseInt(key.substring(0, key.indexOf('_')));
    }

    /** A copy of an array's values in row-major ('c') order, whatever its own order. */
    static float[] values(INDArray array) {
        return array.dup('c').data().asFloat();
    }
}
