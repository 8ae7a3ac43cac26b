package io.paretune.ml.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The Deeplearning4j execution settings a network factory applies, one place per model family, with the reason
 * each value was chosen (figures: {@code bench/results/profile-cnn-20261125.md}, measured with
 * {@code io.paretune.worker.bench.TrainingProbe}).
 *
 * <ul>
 *   <li>Workspaces ENABLED for training and inference: with {@code NONE} every activation and gradient is a fresh
 *       off-heap allocation freed only by the garbage collector; the reference CNN then needed 1.1–1.6× the CPU
 *       time per batch. For the MLP the two modes measured the same (small activations), so it keeps ENABLED
 *       for bounded memory.</li>
 *   <li>Cache mode NONE: the other modes keep forward activations between calls, which only pays for repeated
 *       passes over the same batch (pretraining), and costs memory.</li>
 *   <li>FLOAT: HALF trains 100–300× slower on CPU and BFLOAT16 is rejected (STACK.md).</li>
 *   <li>Layer helpers for CNNs: with a {@code -onednn} build of nd4j-native, convolution and pooling run in oneDNN
 *       (~6.5× less CPU per batch on the reference CNN); on other builds they stay off by themselves. Dense
 *       layers have no helper, so the MLP family leaves the JVM-wide switch alone.</li>
 *   <li>CNN layout NCHW: NHWC measured no faster in the layer API (its convolution is im2col + GEMM either way) and
 *       NCHW is what {@code InputType.convolutionalFlat} produces without an extra permute.</li>
 * </ul>
 *
 * <pre>{@code
 * NeuralNetConfiguration.Builder builder = TrainingSettings.MLP.applyTo(new NeuralNetConfiguration.Builder());
 * CNN2DFormat format = TrainingSettings.CNN.cnnFormat();
 * }</pre>
 */
public record TrainingSettings(WorkspaceMode trainingWorkspace, WorkspaceMode inferenceWorkspace, CacheMode cacheMode,
                               DataType dataType, CNN2DFormat cnnFormat, boolean layerHelpers) {

    /** Dense networks ({@code mlp}). */
    public static final TrainingSettings MLP = new TrainingSettings(WorkspaceMode.ENABLED, WorkspaceMode.ENABLED,
            CacheMode.NONE, DataType.FLOAT, CNN2DFormat.NCHW, false);

    /** Convolutional networks ({@code cnn}). */
    public static final TrainingSettings CNN = new TrainingSettings(WorkspaceMode.ENABLED, WorkspaceMode.ENABLED,
            CacheMode.NONE, DataType.FLOAT, CNN2DFormat.NCHW, true);

    /** The settings of a model family; unknown families get the dense ones. */
    public static TrainingSettings forFamily(String modelFamily) {
        return "cnn".equals(modelFamily) ? CNN : MLP;
    }

    /**
     * Sets workspace modes, cache mode and data type on a configuration builder and, for families that use them,
     * allows DL4J's layer helpers ({@link LayerHelpers#allow()}: a JVM-wide switch that DL4J reads when it creates
     * the layers, so it must happen before {@code net.init()}); returns the builder.
     */
    public NeuralNetConfiguration.Builder applyTo(NeuralNetConfiguration.Builder builder) {
        if (layerHelpers) {
            LayerHelpers.allow();
        }
        return builder
                .trainingWorkspaceMode(trainingWorkspace)
                .inferenceWorkspaceMode(inferenceWorkspace)
                .cacheMode(cacheMode)
                .dataType(dataType);
    }
}
