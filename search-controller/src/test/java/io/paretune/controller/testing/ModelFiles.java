package io.paretune.controller.testing;

import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.contract.search.CompressionConfig.Scope;
import io.paretune.contract.search.MlpParameters;
import io.paretune.ml.compress.ArtifactFacts;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.compress.Masks;
import io.paretune.artifacts.FileArtifactStore;
import io.paretune.ml.model.MlpNetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real model artifacts, as a worker ships them: the {@code mlp} of a trial's parameters (untrained: the tests check
 * files, not accuracy), magnitude-pruned, written with {@code shared/ml}'s {@link CompressedArtifact} into the
 * artifact store.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** The network of {@code params} with {@code sparsity} of its weights zeroed, written to {@code relative}. */
    public static ArtifactFacts write(FileArtifactStore store, String relative, Map<String, Object> params, long seed,
                                      double sparsity, Precision precision) {
        MultiLayerNetwork net = MlpNetworkFactory.build(MlpParameters.resolve(params, 2), seed);
        long dense = net.numParams();
        if (sparsity > 0) {
            Masks.magnitude(net, sparsity, Scope.GLOBAL).applyTo(net);
        }
        AtomicReference<ArtifactFacts> facts = new AtomicReference<>();
        try {
            store.writeAtomically(relative, tmp -> facts.set(CompressedArtifact.write(tmp, net, precision, dense)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return facts.get();
    }
}
