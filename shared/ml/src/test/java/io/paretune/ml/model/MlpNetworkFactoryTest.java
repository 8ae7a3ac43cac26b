package io.paretune.ml.model;

import io.paretune.contract.search.MlpParameters;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MlpNetworkFactoryTest {

    private static MlpParameters.Config config(Map<String, Object> params) {
        return MlpParameters.resolve(params, 3);
    }

    private static MlpParameters.Config reference() {
        return config(Map.of("hiddenLayers", 2, "units", 256));
    }

    @Test
    void referenceMlpHas235146Parameters() {
        MultiLayerNetwork net = MlpNetworkFactory.build(new int[]{256, 128}, reference(), 1L);
        assertThat(MlpNetworkFactory.trainableParamCount(net)).isEqualTo(235_146);
        assertThat(net.numParams()).isEqualTo(235_146);
        assertThat(((DenseLayer) net.getLayer(1).conf().getLayer()).getNIn()).isEqualTo(256);
        assertThat(((DenseLayer) net.getLayer(1).conf().getLayer()).getNOut()).isEqualTo(128);
    }

    @Test
    void equalWidthLayersComeFromHiddenLayersAndUnits() {
        MultiLayerNetwork twoLayers = MlpNetworkFactory.build(reference(), 1L);
        assertThat(MlpNetworkFactory.trainableParamCount(twoLayers))
                .isEqualTo(784L * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10)
                .isEqualTo(twoLayers.numParams());
    }

    @Test
    void builtLayersAreDenseThenSoftmaxOutputWithCrossEntropy() {
        MultiLayerNetwork net = MlpNetworkFactory.build(reference(), 1L);
        assertThat(net.getLayers()).hasSize(3);
        assertThat(net.getLayer(0).conf().getLayer()).isInstanceOf(DenseLayer.class);
        assertThat(net.getLayer(1).conf().getLayer()).isInstanceOf(DenseLayer.class);
        OutputLayer output = (OutputLayer) net.getLayer(2).conf().getLayer();
        assertThat(output.getNOut()).isEqualTo(10);
        assertThat(output.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
        assertThat(((DenseLayer) net.getLayer(0).conf().getLayer()).getNIn()).isEqualTo(784);
        assertThat(((DenseLayer) net.getLayer(0).conf().getLayer()).getWeightInitFn()).isInstanceOf(WeightInitRelu.class);
    }

    @Test
    void zeroHiddenLayersIsSoftmaxRegression() {
        MultiLayerNetwork net = MlpNetworkFactory.build(config(Map.of("hiddenLayers", 0, "batchNorm", true, "dropout", 0.5)), 7L);
        assertThat(net.getLayers()).hasSize(1);
        assertThat(MlpNetworkFactory.trainableParamCount(net)).isEqualTo(7_850);
        assertThat(net.getLayer(0).conf().getLayer().getIDropout()).isNull();

        INDArray probabilities = net.output(Nd4j.rand(5, 784));
        assertThat(probabilities.shape()).containsExactly(5, 10);
        assertThat(probabilities.sum(1).toDoubleVector()).containsOnly(new double[]{1.0}, within(1e-5));
    }

    @Test
    void batchNormFollowsEveryHiddenLayerAndItsRunningStatisticsAreNotTrainable() {
        MultiLayerNetwork net = MlpNetworkFactory.build(config(Map.of("hiddenLayers", 2, "units", 64, "batchNorm", true)), 1L);
        assertThat(net.getLayers()).hasSize(5);
        assertThat(net.getLayer(1).conf().getLayer()).isInstanceOf(BatchNormalization.class);
        assertThat(net.getLayer(3).conf().getLayer()).isInstanceOf(BatchNormalization.class);
        long dense = 784L * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10;
        // gamma and beta are learned; mean and variance are running statistics
        assertThat(MlpNetworkFactory.trainableParamCount(net)).isEqualTo(dense + 2 * 2 * 64);
        assertThat(net.numParams()).isEqualTo(dense + 2 * 4 * 64);
    }

    @Test
    void nonzeroTrainableParametersLeaveOutZeroedWeightsAndRunningStatistics() {
        MultiLayerNetwork net = MlpNetworkFactory.build(config(Map.of("hiddenLayers", 1, "units", 64, "batchNorm", true)), 1L);
        net.params().assign(0.5);
        net.getParam("0_W").getRow(0).assign(0); // one input's 64 weights pruned
        net.getParam("1_mean").assign(0);        // a running statistic: not a trainable parameter either way

        assertThat(NetworkFactory.nonzeroTrainableParamCount(net))
                .isEqualTo(NetworkFactory.trainableParamCount(net) - 64);
    }

    @Test
    void dropoutIsADropProbabilityAppliedToHiddenOutputsOnly() {
        MultiLayerNetwork net = MlpNetworkFactory.build(config(Map.of("hiddenLayers", 2, "units", 32, "dropout", 0.2)), 1L);
        assertThat(net.getLayer(0).conf().getLayer().getIDropout()).as("pixels are not dropped").isNull();
        for (int i = 1; i <= 2; i++) {
            Dropout dropout = (Dropout) net.getLayer(i).conf().getLayer().getIDropout();
            assertThat(dropout.getP()).as("DL4J takes the retain probability").isCloseTo(0.8, within(1e-12));
        }
        MultiLayerNetwork none = MlpNetworkFactory.build(config(Map.of("hiddenLayers", 2, "units", 32, "dropout", 0.0)), 1L);
        for (int i = 0; i <= 2; i++) {
            assertThat(none.getLayer(i).conf().getLayer().getIDropout()).isNull();
        }
    }

    @Test
    void l1AndL2ReachTheDenseLayers() {
        MultiLayerNetwork net = MlpNetworkFactory.build(config(Map.of("hiddenLayers", 1, "units", 16, "l1", 1e-4, "l2", 1e-3)), 1L);
        BaseLayer dense = (BaseLayer) net.getLayer(0).conf().getLayer();
        assertThat(dense.getRegularization()).hasSize(2);
    }

    @Test
    void saturatingActivationsUseXavierInit() {
        MultiLayerNetwork net = MlpNetworkFactory.build(config(Map.of("hiddenLayers", 1, "units", 16, "activation", "tanh")), 1L);
        assertThat(((DenseLayer) net.getLayer(0).conf().getLayer()).getWeightInitFn()).isInstanceOf(WeightInitXavier.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "nadam", "amsgrad", "sgd", "nesterovs", "rmsprop", "adagrad"})
    void everyCatalogueOptimizerGetsTheLearningRate(String optimizer) {
        Map<String, Object> params = new HashMap<>(Map.of("hiddenLayers", 1, "units", 8, "optimizer", optimizer, "learningRate", 0.0123));
        MultiLayerNetwork net = MlpNetworkFactory.build(config(params), 1L);
        IUpdater updater = ((BaseLayer) net.getLayer(0).conf().getLayer()).getIUpdater();
        Class<?> expected = switch (optimizer) {
            case "adam" -> Adam.class;
            case "nadam" -> Nadam.class;
            case "amsgrad" -> AMSGrad.class;
            case "sgd" -> Sgd.class;
            case "nesterovs" -> Nesterovs.class;
            case "rmsprop" -> RmsProp.class;
            default -> AdaGrad.class;
        };
        assertThat(updater).isInstanceOf(expected);
        assertThat(updater.getLearningRate(0, 0)).isCloseTo(0.0123, within(1e-12));
    }

    @Test
    void catalogueActivationsAllBuild() {
        for (Object activation : MlpParameters.ACTIVATIONS) {
            assertThat(MlpNetworkFactory.activation((String) activation)).isNotNull();
        }
    }

    @Test
    void nonPositiveWidthIsRefused() {
        assertThatThrownBy(() -> MlpNetworkFactory.build(new int[]{64, 0}, reference(), 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("widths");
    }

    @Test
    void unknownOptimizerOrActivationIsRefused() {
        assertThatThrownBy(() -> MlpNetworkFactory.updater("lbfgs", 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lbfgs");
        assertThatThrownBy(() -> MlpNetworkFactory.activation("softsign"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("softsign");
    }

    @Test
    void sameSeedGivesSameInitialWeights() {
        INDArray a = MlpNetworkFactory.build(reference(), 42L).params();
        INDArray b = MlpNetworkFactory.build(reference(), 42L).params();
        INDArray c = MlpNetworkFactory.build(reference(), 43L).params();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }
}
