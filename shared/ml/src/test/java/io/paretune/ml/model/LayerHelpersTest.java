package io.paretune.ml.model;

import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oneDNN layer helpers engage exactly when a {@code -onednn} build of nd4j-native is loaded, and a small CNN
 * trains either way. The tests run with whichever build the pom selects, so both branches stay covered.
 */
class LayerHelpersTest {

    private static MultiLayerNetwork smallCnn() {
        NeuralNetConfiguration.Builder builder = TrainingSettings.CNN.applyTo(new NeuralNetConfiguration.Builder());
        MultiLayerNetwork net = new MultiLayerNetwork(builder.seed(7).updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build());
        net.init();
        return net;
    }

    @Test
    void cnnSettingsAllowHelpersAndTheyEngageOnlyOnAOneDnnBuild() {
        MultiLayerNetwork net = smallCnn();
        assertThat(System.getProperty(LayerHelpers.DISABLE_PROPERTY)).isEqualTo("false");
        assertThat(net.getLayerWiseConfigurations().getTrainingWorkspaceMode()).isEqualTo(WorkspaceMode.ENABLED);
        assertThat(LayerHelpers.oneDnnEngaged(net)).isEqualTo(LayerHelpers.oneDnnBuildLoaded());
        // DL4J's own check, answered by the repair class
        assertThat(org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled())
                .isEqualTo(LayerHelpers.oneDnnBuildLoaded());
    }

    @Test
    void smallCnnLearnsAFewHundredImages() {
        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
        DataSet train = ImageBatches.of(data.trainImages(), data::trainLabel, ImageBatches.range(512));
        MultiLayerNetwork net = smallCnn();
        double before = net.score(train);
        for (int epoch = 0; epoch < 3; epoch++) {
            net.fit(new ExistingDataSetIterator(train.batchBy(64)));
        }
        assertThat(net.score(train)).isLessThan(before * 0.7);
    }
}
