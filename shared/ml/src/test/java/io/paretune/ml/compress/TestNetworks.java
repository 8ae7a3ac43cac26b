package io.paretune.ml.compress;

import io.paretune.contract.search.CnnParameters;
import io.paretune.contract.search.MlpParameters;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.ml.model.CnnNetworkFactory;
import io.paretune.ml.model.MlpNetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small networks of both families and a few hundred real images, for tests that must stay quick. */
final class TestNetworks {

    private TestNetworks() {
    }

    static MultiLayerNetwork mlp(Map<String, Object> params) {
        return MlpNetworkFactory.build(MlpParameters.resolve(params, 3), 42L);
    }

    static MultiLayerNetwork cnn(Map<String, Object> params) {
        return CnnNetworkFactory.build(CnnParameters.resolve(params, 3), 42L);
    }

    /** The first {@code n} training images of Fashion-MNIST. */
    static DataSet images(int n) {
        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
        return ImageBatches.of(data.trainImages(), data::trainLabel, ImageBatches.range(n));
    }

    /** One pass over {@code data} in minibatches of {@code batch}: one update each. */
    static void trainEpoch(MultiLayerNetwork net, DataSet data, int batch) {
        List<DataSet> batches = data.batchBy(batch);
        for (DataSet b : batches) {
            net.fit(b);
        }
    }
}
