package io.paretune.worker.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Running training loss and accuracy of an epoch, taken from the forward pass DL4J already does for each update:
 * the input of the output layer (the last activation DL4J hands to listeners) times the output weights gives the
 * logits, and softmax cross-entropy and arg-max are computed on the JVM side from those few numbers. This costs one
 * small matrix product per minibatch instead of a second forward pass over the training set. Every pass also beats
 * the {@link TrainingPulse}.
 */
final class MinibatchStatsListener extends BaseTrainingListener {

    private final TrainingPulse pulse;
    private boolean active;
    private double lossSum;
    private long correct;
    private long seen;
    private boolean nonFinite;

    MinibatchStatsListener(TrainingPulse pulse) {
        this.pulse = pulse;
    }

    void startEpoch() {
        lossSum = 0;
        correct = 0;
        seen = 0;
        nonFinite = false;
        active = true;
    }

    void endEpoch() {
        active = false;
    }

    /** True as soon as a minibatch loss was NaN or infinite: the weights are lost, so the epoch can stop. */
    boolean diverged() {
        return nonFinite;
    }

    double meanLoss() {
        if (nonFinite) {
            return Double.NaN;
        }
        return seen == 0 ? Double.NaN : lossSum / seen;
    }

    double accuracy() {
        return seen == 0 ? Double.NaN : (double) correct / seen;
    }

    /**
     * The output layer's input as its weights expect it: the activations DL4J hands to listeners come before the
     * layer's input preprocessor, so a CNN's last pooled feature maps [batch, channels, height, width] are flattened
     * here by that same preprocessor (whatever the data layout).
     */
    private static INDArray flatInput(MultiLayerNetwork net, INDArray activation) {
        InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1);
        if (preProcessor == null) {
            return activation;
        }
        return preProcessor.preProcess(activation, (int) activation.size(0), LayerWorkspaceMgr.noWorkspaces());
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        pulse.beat();
        if (!active || nonFinite) {
            return;
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        INDArray outputInput = flatInput(net, activations.get(activations.size() - 1));
        INDArray labels = net.getLabels();
        Layer output = net.getOutputLayer();
        INDArray logitsArray = outputInput.mmul(output.getParam("W"));
        float[] logits = logitsArray.reshape(logitsArray.length()).toFloatVector();
        float[] bias = output.getParam("b").reshape(output.getParam("b").length()).toFloatVector();
        float[] oneHot = labels.reshape(labels.length()).toFloatVector();
        if (logitsArray.closeable()) {
            logitsArray.close(); // off-heap memory back now, not at the next GC
        }
        int classes = bias.length;
        int rows = logits.length / classes;
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            int label = 0;
            int predicted = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double z = logits[base + c] + bias[c];
                if (z > max) {
                    max = z;
                    predicted = c;
                }
                if (oneHot[base + c] > oneHot[base + label]) {
                    label = c;
                }
            }
            double sumExp = 0;
            for (int c = 0; c < classes; c++) {
                sumExp += Math.exp(logits[base + c] + bias[c] - max);
            }
            double loss = max + Math.log(sumExp) - (logits[base + label] + bias[label]);
            if (!Double.isFinite(loss)) {
                nonFinite = true;
                return;
            }
            lossSum += loss;
            if (predicted == label) {
                correct++;
            }
        }
        seen += rows;
    }

    @Override
    public void onBackwardPass(Model model) {
        pulse.beat();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        pulse.beat();
    }
}
