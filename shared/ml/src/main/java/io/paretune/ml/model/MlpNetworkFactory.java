package io.paretune.ml.model;

import io.paretune.contract.search.MlpParameters;
import io.paretune.ml.data.FashionMnist;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the Deeplearning4j network of an {@code mlp} trial: 784 inputs, {@code hiddenLayers} dense layers of
 * {@code units} units (each optionally followed by batch normalization), a softmax output of 10 classes trained on
 * multi-class cross-entropy. The same configuration and seed give the same initial weights, so an attempt that is
 * redelivered to another worker starts where the first one started.
 *
 * <pre>{@code
 * MlpParameters.Config config = MlpParameters.resolve(job.params(), job.maxEpochs());
 * MultiLayerNetwork net = MlpNetworkFactory.build(config, job.seed());
 * long params = MlpNetworkFactory.trainableParamCount(net);
 *
 * // Unequal widths (reference models, shrunk networks): the widths replace hiddenLayers and units.
 * MultiLayerNetwork reference = MlpNetworkFactory.build(new int[]{256, 128}, config, 42L); // 235,146 parameters
 * }</pre>
 */
public final class MlpNetworkFactory {

    public static final int INPUTS = FashionMnist.PIXELS;
    public static final int OUTPUTS = FashionMnist.CLASSES;

    private static final Map<String, Activation> ACTIVATIONS = Map.of(
            "relu", Activation.RELU,
            "leakyrelu", Activation.LEAKYRELU,
            "elu", Activation.ELU,
            "gelu", Activation.GELU,
            "swish", Activation.SWISH,
            "tanh", Activation.TANH,
            "sigmoid", Activation.SIGMOID);

    private MlpNetworkFactory() {
    }

    /** A network built from {@link #configuration(MlpParameters.Config, long)} and initialised. */
    public static MultiLayerNetwork build(MlpParameters.Config config, long seed) {
        return build(hiddenWidths(config), config, seed);
    }

    /** A network with the given hidden widths (ignoring {@code hiddenLayers} and {@code units}), initialised. */
    public static MultiLayerNetwork build(int[] hiddenWidths, MlpParameters.Config config, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(hiddenWidths, config, seed));
        net.init();
        return net;
    }

    /**
     * The layer configuration of a trial: {@code hiddenLayers} layers of {@code units}.
     *
     * @throws IllegalArgumentException for an unknown activation or optimizer, or a non-positive width
     */
    public static MultiLayerConfiguration configuration(MlpParameters.Config config, long seed) {
        return configuration(hiddenWidths(config), config, seed);
    }

    /**
     * The layer configuration with the given hidden widths; the other settings come from {@code config}.
     *
     * @throws IllegalArgumentException for an unknown activation or optimizer, or a non-positive width
     */
    public static MultiLayerConfiguration configuration(int[] hiddenWidths, MlpParameters.Config config, long seed) {
        for (int width : hiddenWidths) {
            if (width < 1) {
                throw new IllegalArgumentException("hidden layer widths must be positive: " + width);
            }
        }
        if (config.dropout() < 0 || config.dropout() >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1): " + config.dropout());
        }
        Activation activation = activation(config.activation());
        NeuralNetConfiguration.ListBuilder layers = TrainingSettings.MLP.applyTo(new NeuralNetConfiguration.Builder())
                .seed(seed)
                .updater(updater(config.optimizer(), config.learningRate()))
                .weightInit(hiddenWeightInit(activation))
                .l1(config.l1())
                .l2(config.l2())
                .list();

        int index = 0;
        int inputs = INPUTS;
        for (int i = 0; i < hiddenWidths.length; i++) {
            DenseLayer.Builder dense = new DenseLayer.Builder()
                    .nIn(inputs)
                    .nOut(hiddenWidths[i])
                    .activation(activation);
            // DL4J drops a layer's *input*: the first hidden layer reads pixels, which are not hidden units.
            if (i > 0) {
                applyDropout(dense, config.dropout());
            }
            layers.layer(index++, dense.build());
            if (config.batchNorm()) {
                layers.layer(index++, new BatchNormalization.Builder().nOut(hiddenWidths[i]).build());
            }
            inputs = hiddenWidths[i];
        }
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(inputs)
                .nOut(OUTPUTS)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER);
        if (hiddenWidths.length > 0) {
            applyDropout(output, config.dropout());
        }
        layers.layer(index, output.build());
        return layers.setInputType(InputType.feedForward(INPUTS)).build();
    }

    /** {@code hiddenLayers} times {@code units}. */
    public static int[] hiddenWidths(MlpParameters.Config config) {
        if (config.hiddenLayers() < 0) {
            throw new IllegalArgumentException("hiddenLayers must not be negative: " + config.hiddenLayers());
        }
        int[] widths = new int[config.hiddenLayers()];
        Arrays.fill(widths, config.units());
        return widths;
    }

    /** {@link NetworkFactory#trainableParamCount(MultiLayerNetwork)}: the same count for every family. */
    public static long trainableParamCount(MultiLayerNetwork net) {
        return NetworkFactory.trainableParamCount(net);
    }

    /** The DL4J updater for an optimizer name of {@link MlpParameters#OPTIMIZERS}. */
    public static IUpdater updater(String optimizer, double learningRate) {
        return switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "adam" -> new Adam(learningRate);
            case "nadam" -> new Nadam(learningRate);
            case "amsgrad" -> new AMSGrad(learningRate);
            case "sgd" -> new Sgd(learningRate);
            case "nesterovs" -> new Nesterovs(learningRate, Nesterovs.DEFAULT_NESTEROV_MOMENTUM);
            case "rmsprop" -> new RmsProp(learningRate);
            case "adagrad" -> new AdaGrad(learningRate);
            default -> throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; expected one of "
                    + MlpParameters.OPTIMIZERS);
        };
    }

    /** The DL4J activation for an activation name of {@link MlpParameters#ACTIVATIONS}. */
    public static Activation activation(String name) {
        Activation activation = name == null ? null : ACTIVATIONS.get(name.toLowerCase(Locale.ROOT));
        if (activation == null) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                    + MlpParameters.ACTIVATIONS);
        }
        return activation;
    }

    /** He initialisation for rectifier-like units, Xavier for the saturating ones. */
    private static WeightInit hiddenWeightInit(Activation activation) {
        return activation == Activation.TANH || activation == Activation.SIGMOID ? WeightInit.XAVIER : WeightInit.RELU;
    }

    /** The contract's dropout is the probability of dropping a unit; DL4J's {@code dropOut} takes the one of keeping it. */
    private static void applyDropout(org.deeplearning4j.nn.conf.layers.BaseLayer.Builder<?> layer, double dropProbability) {
        if (dropProbability > 0) {
            layer.dropOut(1.0 - dropProbability);
        }
    }
}
