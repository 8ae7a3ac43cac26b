package io.paretune.ml.model;

import io.paretune.contract.search.CnnParameters;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.ModelConfig;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Set;

/**
 * The network of a trial of any family: {@link MlpNetworkFactory} or {@link CnnNetworkFactory} by the type of its
 * configuration. Every family's network reads the same flat 784-pixel rows and ends in the same 10-class softmax.
 *
 * <pre>{@code
 * ModelConfig config = ModelFamily.require(job.modelFamily()).resolve(job.params(), job.maxEpochs());
 * MultiLayerNetwork net = NetworkFactory.build(config, job.seed());
 * long params = NetworkFactory.trainableParamCount(net);
 * }</pre>
 */
public final class NetworkFactory {

    /** Running statistics of batch normalization: parameters in DL4J's flat vector, but not learned by gradients. */
    private static final Set<String> BATCH_NORM_STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private NetworkFactory() {
    }

    /** The initialised network of {@code config}'s family. */
    public static MultiLayerNetwork build(ModelConfig config, long seed) {
        if (config instanceof MlpParameters.Config mlp) {
            return MlpNetworkFactory.build(mlp, seed);
        }
        if (config instanceof CnnParameters.Config cnn) {
            return CnnNetworkFactory.build(cnn, seed);
        }
        throw new IllegalArgumentException("no network factory for family '" + config.family() + "'");
    }

    /**
     * Parameters learned by gradient descent: weights, biases and batch-normalization scale and shift, not the
     * running mean and variance that DL4J keeps in the same flat parameter vector.
     */
    public static long trainableParamCount(MultiLayerNetwork net) {
        return countTrainable(net, false);
    }

    /**
     * Of the {@linkplain #trainableParamCount trainable parameters}, those that are not exactly zero: what is left
     * of the network after pruning (an unpruned network has, in practice, none that are zero).
     */
    public static long nonzeroTrainableParamCount(MultiLayerNetwork net) {
        return countTrainable(net, true);
    }

    private static long countTrainable(MultiLayerNetwork net, boolean nonzeroOnly) {
        long count = 0;
        for (Layer layer : net.getLayers()) {
            boolean batchNorm = layer.conf().getLayer() instanceof BatchNormalization;
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                if (!(batchNorm && BATCH_NORM_STATISTICS.contains(param.getKey()))) {
                    count += nonzeroOnly ? nonzero(param.getValue()) : param.getValue().length();
                }
            }
        }
        return count;
    }

    private static long nonzero(INDArray values) {
        long nonzero = 0;
        for (float v : values.dup('c').data().asFloat()) {
            if (v != 0) {
                nonzero++;
            }
        }
        return nonzero;
    }
}
