package io.paretune.ml.model;

import io.paretune.contract.search.CnnParameters;
import io.paretune.contract.search.ModelFamily;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CnnNetworkFactoryTest {

    private static CnnParameters.Config config(Map<String, Object> params) {
        return CnnParameters.resolve(params, 3);
    }

    @Test
    void defaultsBuildTheReferenceCnnOf83466Parameters() {
        MultiLayerNetwork net = CnnNetworkFactory.build(config(Map.of()), 42L);

        // conv 5×5×1→32: 832; conv 5×5×32→64: 51,264; dense 7·7·64→10: 31,370 ("same" padding: 28 → 14 → 7).
        assertThat(NetworkFactory.trainableParamCount(net)).isEqualTo(83_466);
        assertThat(net.getLayers()).hasSize(5);
        var conv = (ConvolutionLayer) net.getLayer(0).conf().getLayer();
        assertThat(conv.getKernelSize()).containsExactly(5, 5);
        assertThat(conv.getNOut()).isEqualTo(32);
        assertThat(((ConvolutionLayer) net.getLayer(2).conf().getLayer()).getNOut()).isEqualTo(64);
        assertThat(((SubsamplingLayer) net.getLayer(1).conf().getLayer()).getPoolingType()).isEqualTo(PoolingType.MAX);
        assertThat(((OutputLayer) net.getLayer(4).conf().getLayer()).getNIn()).isEqualTo(7 * 7 * 64);
    }

    @Test
    void readsFlatRowsAndGivesAProbabilityPerClass() {
        MultiLayerNetwork net = NetworkFactory.build(ModelFamily.CNN.resolve(Map.of("filters", 4L), 1), 1L);

        INDArray out = net.output(Nd4j.rand(3, 784));

        assertThat(out.shape()).containsExactly(3, 10);
        assertThat(out.sum(1).getDouble(0)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void optionalLayersFollowTheConfiguration() {
        MultiLayerNetwork net = CnnNetworkFactory.build(config(Map.of("convLayers", 3L, "filters", 8L,
                "filterGrowth", 1.5, "kernelSize", 3L, "pooling", "avg", "batchNorm", true, "denseUnits", 16L,
                "dropout", 0.25)), 7L);

        // 3 × (conv, batch norm, pool), dense, output
        assertThat(net.getLayers()).hasSize(11);
        assertThat(net.getLayer(1).conf().getLayer()).isInstanceOf(BatchNormalization.class);
        assertThat(((SubsamplingLayer) net.getLayer(2).conf().getLayer()).getPoolingType()).isEqualTo(PoolingType.AVG);
        assertThat(((ConvolutionLayer) net.getLayer(6).conf().getLayer()).getNOut()).as("round(8 · 1.5²)").isEqualTo(18);
        DenseLayer dense = (DenseLayer) net.getLayer(9).conf().getLayer();
        assertThat(dense.getNIn()).as("28 → 14 → 7 → 4, 18 maps").isEqualTo(4 * 4 * 18);
        assertThat(dense.getIDropout()).isNotNull();
        assertThat(net.output(Nd4j.rand(2, 784)).shape()).containsExactly(2, 10);
    }

    @Test
    void sameSeedGivesSameInitialWeights() {
        CnnParameters.Config c = config(Map.of("filters", 4L));

        assertThat(CnnNetworkFactory.build(c, 5L).params()).isEqualTo(CnnNetworkFactory.build(c, 5L).params());
    }

    @Test
    void unknownPoolingIsRefused() {
        assertThatThrownBy(() -> CnnNetworkFactory.pooling("median")).hasMessageContaining("[max, avg]");
    }
}
