package io.paretune.bench.probe;

import io.paretune.ml.data.FashionMnist;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Map;

/**
 * The reference CNN (conv 5×5×32 same, ReLU → max-pool 2 → conv 5×5×64 same, ReLU → max-pool 2 → dense softmax 10;
 * 83,466 parameters) as a SameDiff graph, to compare SameDiff's executor with the layer API on the same work.
 * Features are fed flat ({@code [n, 784]}) and reshaped inside the graph, like {@code InputType.convolutionalFlat}.
 *
 * <pre>{@code
 * SameDiffCnn cnn = SameDiffCnn.build(42L, false, 1e-3);
 * cnn.graph().fit(batches, 1);
 * INDArray probabilities = cnn.output(features);
 * }</pre>
 */
public final class SameDiffCnn {

    public static final String INPUT = "in";
    public static final String LABEL = "label";
    public static final String OUTPUT = "probabilities";

    private final SameDiff graph;

    private SameDiffCnn(SameDiff graph) {
        this.graph = graph;
    }

    public SameDiff graph() {
        return graph;
    }

    /**
     * @param nhwc channels-last activations (the layout oneDNN prefers) instead of channels-first
     */
    public static SameDiffCnn build(long seed, boolean nhwc, double learningRate) {
        Nd4j.getRandom().setSeed(seed);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder(INPUT, DataType.FLOAT, -1, FashionMnist.PIXELS);
        SDVariable label = sd.placeHolder(LABEL, DataType.FLOAT, -1, FashionMnist.CLASSES);
        String format = nhwc ? "NHWC" : "NCHW";
        SDVariable x = nhwc ? in.reshape(-1, 28, 28, 1) : in.reshape(-1, 1, 28, 28);

        x = convRelu(sd, "c0", x, 1, 32, format);
        x = pool(sd, x, nhwc);
        x = convRelu(sd, "c1", x, 32, 64, format);
        x = pool(sd, x, nhwc);
        SDVariable flat = x.reshape(-1, 7 * 7 * 64);
        SDVariable w = sd.var("d_W", he(7 * 7 * 64, 7 * 7 * 64, FashionMnist.CLASSES));
        SDVariable b = sd.var("d_b", Nd4j.zeros(DataType.FLOAT, FashionMnist.CLASSES));
        SDVariable logits = flat.mmul(w).add(b);
        sd.nn().softmax(OUTPUT, logits, 1);
        sd.loss().softmaxCrossEntropy("loss", label, logits, null);
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(learningRate))
                .dataSetFeatureMapping(INPUT)
                .dataSetLabelMapping(LABEL)
                .build());
        return new SameDiffCnn(sd);
    }

    private static SDVariable convRelu(SameDiff sd, String name, SDVariable x, int in, int out, String format) {
        // SameDiff's default weight layout is [kH, kW, inChannels, outChannels].
        SDVariable w = sd.var(name + "_W", he(5 * 5 * in, 5, 5, in, out));
        SDVariable b = sd.var(name + "_b", Nd4j.zeros(DataType.FLOAT, out));
        Conv2DConfig conf = Conv2DConfig.builder().kH(5).kW(5).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(format).build();
        return sd.nn().relu(sd.cnn().conv2d(x, w, b, conf), 0);
    }

    private static SDVariable pool(SameDiff sd, SDVariable x, boolean nhwc) {
        return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID).isNHWC(nhwc).build());
    }

    private static INDArray he(int fanIn, long... shape) {
        return Nd4j.randn(DataType.FLOAT, shape).muli(Math.sqrt(2.0 / fanIn));
    }

    public long paramCount() {
        long n = 0;
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                n += v.getArr().length();
            }
        }
        return n;
    }

    public void fit(DataSetIterator batches) {
        graph.fit(batches, 1);
    }

    /** Class probabilities for flat features {@code [n, 784]}. */
    public INDArray output(INDArray features) {
        return graph.output(Map.of(INPUT, features), OUTPUT).get(OUTPUT);
    }
}
