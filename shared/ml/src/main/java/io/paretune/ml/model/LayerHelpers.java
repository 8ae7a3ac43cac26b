package io.paretune.ml.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns on Deeplearning4j's oneDNN layer helpers (convolution, pooling, batch normalization). In 1.0.0-M2.1 they
 * are off twice over: the system property {@value #DISABLE_PROPERTY} defaults to {@code true}, and the oneDNN check
 * looks for a class that moved (repaired by {@code org.nd4j.nativeblas.Nd4jCpu} in this module). With both fixed
 * and a {@code -onednn} build of nd4j-native loaded, the reference CNN needs ~6.5× less CPU per batch (im2col +
 * OpenBLAS GEMM in Java-driven steps is replaced by oneDNN's convolution). On the other builds the helpers stay
 * unused: {@code Nd4jCpu.Environment.isUseMKLDNN()} answers false, and the layers compute as before.
 *
 * <pre>{@code
 * LayerHelpers.allow();                      // before the network is built: DL4J reads it when layers are created
 * MultiLayerNetwork net = ...; net.init();
 * boolean engaged = LayerHelpers.oneDnnEngaged(net);
 * }</pre>
 */
public final class LayerHelpers {

    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private LayerHelpers() {
    }

    /** Allows helpers, unless the property was set explicitly (an operator's {@code -D} wins). */
    public static void allow() {
        if (System.getProperty(DISABLE_PROPERTY) == null) {
            System.setProperty(DISABLE_PROPERTY, "false");
        }
        Nd4j.getEnvironment().allowHelpers(true);
    }

    /** Whether the loaded nd4j-native is a oneDNN build (the precondition for helpers to do anything). */
    public static boolean oneDnnBuildLoaded() {
        Nd4j.getBackend(); // loads the natives first
        return org.nd4j.nativeblas.Nd4jCpu.Environment.oneDnnBuildLoaded();
    }

    /** Whether some convolution or pooling layer of the network computes through a oneDNN helper. */
    public static boolean oneDnnEngaged(MultiLayerNetwork net) {
        for (Layer layer : net.getLayers()) {
            Object helper = layer instanceof ConvolutionLayer conv ? conv.getHelper()
                    : layer instanceof SubsamplingLayer pool ? pool.getHelper() : null;
            if (helper != null && helper.getClass().getSimpleName().startsWith("MKLDNN")) {
                return true;
            }
        }
        return false;
    }
}
