package io.paretune.ml.model;

import io.paretune.contract.search.CnnParameters;
import io.paretune.ml.data.FashionMnist;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Locale;

/**
 * Builds the Deeplearning4j network of a {@code cnn} trial: {@code convLayers} blocks of [convolution with "same"
 * padding, stride 1 → optional batch normalization → 2×2 pooling, stride 2], an optional dense layer, a softmax
 * output of 10 classes trained on multi-class cross-entropy. The input is the flat 784-pixel row the data pipeline
 * produces for every family ({@code InputType.convolutionalFlat}: DL4J reshapes it to 1×28×28 in the network), so
 * the worker, the evaluator and the artifacts are the same for both families. Same configuration and seed, same
 * initial weights.
 *
 * <pre>{@code
 * CnnParameters.Config config = CnnParameters.resolve(Map.of(), 3);  // the reference CNN
 * MultiLayerNetwork net = CnnNetworkFactory.build(config, 42L);
 * long params = NetworkFactory.trainableParamCount(net);             // 83,466
 * }</pre>
 */
public final class CnnNetworkFactory {

    public static final int HEIGHT = 28;
    public static final int WIDTH = 28;
    public static final int CHANNELS = 1;
    public static final int OUTPUTS = FashionMnist.CLASSES;
    static {
        if (HEIGHT * WIDTH * CHANNELS != FashionMnist.PIXELS) {
            throw new IllegalStateException("the image shape does not match the data set's rows");
        }
    }

    private CnnNetworkFactory() {
    }

    /** A network built from {@link #configuration(CnnParameters.Config, long)} and initialised. */
    public static MultiLayerNetwork build(CnnParameters.Config config, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config, seed));
        net.init();
        return net;
    }

    /**
     * The layer configuration of a trial.
     *
     * @throws IllegalArgumentException for an unknown activation, optimizer or pooling, or a setting out of range
     */
    public static MultiLayerConfiguration configuration(CnnParameters.Config config, long seed) {
        if (config.convLayers() < 1) {
            throw new IllegalArgumentException("convLayers must be at least 1: " + config.convLayers());
        }
        if (config.filters() < 1 || config.kernelSize() < 1 || config.denseUnits() < 0) {
            throw new IllegalArgumentException("filters and kernelSize must be positive, denseUnits not negative: "
                    + config);
        }
        if (config.dropout() < 0 || config.dropout() >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1): " + config.dropout());
        }
        Activation activation = MlpNetworkFactory.activation(config.activation());
        PoolingType pooling = pooling(config.pooling());
        NeuralNetConfiguration.ListBuilder layers = TrainingSettings.CNN.applyTo(new NeuralNetConfiguration.Builder())
                .seed(seed)
                .updater(MlpNetworkFactory.updater(config.optimizer(), config.learningRate()))
                .weightInit(activation == Activation.TANH || activation == Activation.SIGMOID
                        ? WeightInit.XAVIER : WeightInit.RELU)
                .l1(config.l1())
                .l2(config.l2())
                // "Same": 28 → 14 → 7 → 4 → 2 through the poolings, whatever the kernel size.
                .convolutionMode(ConvolutionMode.Same)
                .list();

        int index = 0;
        for (int block = 0; block < config.convLayers(); block++) {
            layers.layer(index++, new ConvolutionLayer.Builder(config.kernelSize(), config.kernelSize())
                    .stride(1, 1)
                    .nOut(config.filtersOf(block))
                    .activation(activation)
                    .build());
            if (config.batchNorm()) {
                layers.layer(index++, new BatchNormalization.Builder().build());
            }
            layers.layer(index++, new SubsamplingLayer.Builder(pooling)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .build());
        }
        if (config.denseUnits() > 0) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nOut(config.denseUnits()).activation(activation);
            dropInput(dense, config.dropout());
            layers.layer(index++, dense.build());
        }
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(OUTPUTS)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER);
        dropInput(output, config.dropout());
        layers.layer(index, output.build());
        // nIn of every layer, and the reshapes between flat rows, feature maps and dense layers, follow from this.
        return layers.setInputType(InputType.convolutionalFlat(HEIGHT, WIDTH, CHANNELS)).build();
    }

    /** The DL4J pooling for a pooling name of {@link CnnParameters#POOLINGS}. */
    public static PoolingType pooling(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "max" -> PoolingType.MAX;
            case "avg" -> PoolingType.AVG;
            default -> throw new IllegalArgumentException("unknown pooling '" + name + "'; expected one of "
                    + CnnParameters.POOLINGS);
        };
    }

    /** DL4J drops a layer's input, and its {@code dropOut} takes the probability of keeping a unit. */
    private static void dropInput(org.deeplearning4j.nn.conf.layers.BaseLayer.Builder<?> layer, double dropProbability) {
        if (dropProbability > 0) {
            layer.dropOut(1.0 - dropProbability);
        }
    }
}
