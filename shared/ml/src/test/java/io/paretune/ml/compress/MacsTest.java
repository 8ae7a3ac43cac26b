package io.paretune.ml.compress;

import io.paretune.contract.search.CompressionConfig.Scope;
import io.paretune.contract.search.MlpParameters;
import io.paretune.ml.model.MlpNetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MacsTest {

    @Test
    void referenceMlp() {
        MultiLayerNetwork net = MlpNetworkFactory.build(new int[]{256, 128}, MlpParameters.resolve(Map.of(), 1), 42L);

        // 784·256 + 256·128 + 128·10
        assertThat(Macs.perExample(net)).isEqualTo(200_704 + 32_768 + 1_280).isEqualTo(234_752);
    }

    @Test
    void referenceCnn() {
        MultiLayerNetwork net = TestNetworks.cnn(Map.of());

        // conv 5·5·1·32 at 28·28, conv 5·5·32·64 at 14·14 ("same" padding, after a 2×2 pooling), output 7·7·64·10
        assertThat(Macs.perExample(net)).isEqualTo(627_200 + 10_035_200 + 31_360).isEqualTo(10_693_760);
    }

    @Test
    void batchNormAndDenseLayersOfACnn() {
        MultiLayerNetwork net = TestNetworks.cnn(Map.of("convLayers", 3L, "filters", 8L, "kernelSize", 3L,
                "batchNorm", true, "denseUnits", 16L));

        // 3·3·1·8 at 28², 3·3·8·16 at 14², 3·3·16·32 at 7², dense 4·4·32·16, output 16·10
        assertThat(Macs.perExample(net)).isEqualTo(56_448 + 225_792 + 225_792 + 8_192 + 160);
    }

    @Test
    void onlyAPhysicallySmallerNetworkCostsLess() {
        MultiLayerNetwork net = MlpNetworkFactory.build(new int[]{256, 128}, MlpParameters.resolve(Map.of(), 1), 42L);
        long dense = Macs.perExample(net);

        Masks.magnitude(net, 0.9, Scope.GLOBAL).applyTo(net);
        assertThat(Macs.perExample(net)).as("masked: same dense kernels").isEqualTo(dense);
        MultiLayerNetwork small = StructuredPruning.shrink(net, 0.5, Scope.LAYER);
        assertThat(Macs.perExample(small)).isEqualTo(784 * 128 + 128 * 64 + 64 * 10);
    }
}
