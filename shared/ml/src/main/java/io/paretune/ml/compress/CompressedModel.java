package io.paretune.ml.compress;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A compressed artifact loaded back: a runnable network (fp32, weights dequantized) and the artifact's facts.
 *
 * <pre>{@code
 * CompressedModel model = store.read(result.artifactPath(), file -> CompressedArtifact.read(file, store.limits()));
 * INDArray probabilities = model.network().output(features);
 * String precision = model.facts().computePrecision();   // "fp32 (dequantized int8 weights)"
 * }</pre>
 */
public record CompressedModel(MultiLayerNetwork network, ArtifactFacts facts) {
}
