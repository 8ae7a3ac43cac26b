package io.paretune.worker.training;

import io.paretune.ml.model.NetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Where a trial's pruning stands, as its checkpoints carry it (with the masks and, after structured pruning, the
 * smaller network itself), so that any worker resumes it.
 *
 * @param denseParams             values of the dense architecture before pruning ({@code numParams()}, batch-norm
 *                                statistics included): what the artifact's compression ratio is measured against
 * @param denseTrainableParams    trainable parameters of the dense architecture: the trial's {@code paramCount},
 *                                however much pruning removed
 * @param prunedAfterEpoch        one-shot pruning (magnitude, structured): the last dense epoch, after which the
 *                                network was pruned; null before, and for other methods
 * @param uncompressedValAccuracy validation accuracy of the model before pruning: one-shot, the best dense epoch's;
 *                                gradual, the best epoch's among those that ended before pruning started; null
 *                                when there is none (or no validation images)
 * @param uncompressedValLoss     validation loss of that model (how gradual pruning picks the best epoch before
 *                                pruning started, segment after segment)
 */
public record PruningState(long denseParams, long denseTrainableParams, Integer prunedAfterEpoch,
                           Double uncompressedValAccuracy, Double uncompressedValLoss) {

    /** The state of a network nothing has pruned yet. */
    public static PruningState dense(MultiLayerNetwork net) {
        return new PruningState(net.numParams(), NetworkFactory.trainableParamCount(net), null, null, null);
    }

    /** True once one-shot pruning has happened. */
    public boolean pruned() {
        return prunedAfterEpoch != null;
    }

    PruningState prunedAfter(int epoch, Double denseValAccuracy, Double denseValLoss) {
        return new PruningState(denseParams, denseTrainableParams, epoch, denseValAccuracy, denseValLoss);
    }

    PruningState uncompressed(Double valAccuracy, Double valLoss) {
        return new PruningState(denseParams, denseTrainableParams, prunedAfterEpoch, valAccuracy, valLoss);
    }
}
