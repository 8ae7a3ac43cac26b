package io.paretune.ml.compress;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/**
 * Multiply-accumulates one example costs in a network <em>as it runs</em> on dense kernels: a dense or output layer
 * {@code nIn · nOut}, a convolution {@code kH · kW · cIn · cOut · hOut · wOut}; pooling, batch normalization,
 * activations and biases are not counted (no multiply-accumulate, or one per output, negligible beside these).
 *
 * <p>Zeros do not count as savings: DL4J runs a masked ({@linkplain Masks magnitude}- or {@link
 * PruningSchedule gradual}-pruned) layer on the same dense GEMM, so it costs its full MACs whatever its sparsity.
 * Only a network that is physically smaller ({@link StructuredPruning#shrink}) costs less.
 *
 * <pre>{@code
 * long macs = Macs.perExample(net);   // 234,752 for the 784-256-128-10 MLP, 10,693,760 for the reference CNN
 * }</pre>
 */
public final class Macs {

    private Macs() {
    }

    public static long perExample(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<InputType> outputs = conf.getLayerActivationTypes(inputType(net));
        long macs = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer conv = (ConvolutionLayer) layer;
                InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) outputs.get(i);
                macs += (long) conv.getKernelSize()[0] * conv.getKernelSize()[1] * conv.getNIn() * conv.getNOut()
                        * out.getHeight() * out.getWidth();
            } else if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
                FeedForwardLayer dense = (FeedForwardLayer) layer;
                macs += dense.getNIn() * dense.getNOut();
            }
        }
        return macs;
    }

    /** The input the network was configured for: flat rows reshaped to images, or flat rows. */
    private static InputType inputType(MultiLayerNetwork net) {
        InputPreProcessor first = net.getLayerWiseConfigurations().getInputPreProcess(0);
        if (first instanceof FeedForwardToCnnPreProcessor image) {
            return InputType.convolutionalFlat(image.getInputHeight(), image.getInputWidth(), image.getNumChannels());
        }
        return InputType.feedForward(((FeedForwardLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getNIn());
    }
}
