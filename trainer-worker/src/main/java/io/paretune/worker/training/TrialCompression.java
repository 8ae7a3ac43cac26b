package io.paretune.worker.training;

import io.paretune.contract.search.CompressionConfig;
import io.paretune.contract.search.CompressionConfig.Pruning;
import io.paretune.ml.compress.ArtifactFacts;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.compress.MaskingListener;
import io.paretune.ml.compress.Masks;
import io.paretune.ml.compress.PruningSchedule;
import io.paretune.ml.compress.StructuredPruning;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What one trial's {@link CompressionConfig} does while it trains, and the model it ships. {@link TrialTrainer}
 * runs the epochs and keeps the best one; this class says which epochs may be kept, when the dense phase ends,
 * prunes, holds the masks, and writes the compressed artifact.
 * <ul>
 *   <li>{@link Pruning#NONE}: a dense network; the artifact still stores it in the trial's precision.</li>
 *   <li>{@link Pruning#MAGNITUDE}, {@link Pruning#STRUCTURED} (one-shot): the dense phase ends after
 *       {@link CompressionConfig#oneShotEpoch} epochs, or earlier when early stopping ends it; the trainer then puts
 *       the best dense epoch's parameters back and {@link #prune} prunes them (magnitude: masks, held after every
 *       update from then on; structured: a smaller network that replaces the trial's, with a fresh updater), and
 *       {@code fineTuneEpochs} epochs follow. Only pruned models can be kept from then on.</li>
 *   <li>{@link Pruning#GRADUAL}: masks on the Zhu–Gupta schedule from the first update ({@link MaskingListener});
 *       no epoch before {@code pruneEndEpoch} can be kept (the kept model must have the target sparsity), so early
 *       stopping cannot end training before it either.</li>
 * </ul>
 * Everything needed to resume travels in the checkpoint: {@link #state()}, {@link #masks()} and the network (the
 * smaller one after structured pruning). The gradual schedule follows the network's own iteration count, which the
 * checkpoint keeps.
 *
 * <pre>{@code
 * TrialCompression compression = TrialCompression.of(config.compression(), config.epochs(), start, stepsPerEpoch);
 * compression.listen(minibatchStats);
 * // after each epoch: compression.epochScored(epoch, score); keep it only if epoch >= compression.firstKeptEpoch()
 * if (compression.densePhaseEndsAfter(epoch, patienceRanOut)) {
 *     net.setParams(bestDenseParams);
 *     net = compression.prune(epoch, bestDenseScore, minibatchStats);
 * }
 * store.writeAtomically(path, compression::write);
 * }</pre>
 */
final class TrialCompression {

    private final CompressionConfig config;
    private final int trialEpochs;
    private final MaskingListener gradual;
    private MultiLayerNetwork network;
    private Masks masks;
    private PruningState state;

    private TrialCompression(CompressionConfig config, int trialEpochs, MultiLayerNetwork network, PruningState state,
                             Masks masks, MaskingListener gradual) {
        this.config = config;
        this.trialEpochs = trialEpochs;
        this.network = network;
        this.state = state;
        this.masks = masks;
        this.gradual = gradual;
    }

    /**
     * The compression of a trial starting (or resuming) from {@code start}.
     *
     * @param trialEpochs   the trial's epochs ({@code ModelConfig.epochs()})
     * @param stepsPerEpoch updates per epoch (minibatches of the training split), for the gradual schedule
     * @throws IllegalArgumentException when the checkpoint does not fit the settings (a magnitude-pruned network
     *                                  without its masks)
     */
    static TrialCompression of(CompressionConfig config, int trialEpochs, Checkpoint start, long stepsPerEpoch) {
        PruningState state = start.state().pruning();
        MaskingListener gradual = null;
        Masks masks = null;
        switch (config.pruning()) {
            case GRADUAL -> gradual = MaskingListener.gradual(PruningSchedule.of(config, stepsPerEpoch), config.scope(),
                    start.masks());
            case MAGNITUDE -> {
                if (state.pruned() && start.masks() == null) {
                    throw new IllegalArgumentException("the checkpoint of a network pruned after epoch "
                            + state.prunedAfterEpoch() + " carries no masks");
                }
                masks = state.pruned() ? start.masks() : null;
            }
            case NONE, STRUCTURED -> {
            }
        }
        return new TrialCompression(config, trialEpochs, start.network(), state, masks, gradual);
    }

    /** The network being trained: the smaller one once structured pruning has happened. */
    MultiLayerNetwork network() {
        return network;
    }

    /** Gives the network the trainer's listeners, followed by the one that holds the masks after every update. */
    void listen(TrainingListener trainer) {
        MaskingListener masking = gradual != null ? gradual : masks != null ? MaskingListener.holding(masks) : null;
        if (masking == null) {
            network.setListeners(trainer);
        } else {
            network.setListeners(trainer, masking);
        }
    }

    /** The trial's last epoch: its epochs, or, once pruned in one shot, the pruning epoch plus the fine-tuning. */
    int lastEpoch() {
        return state.pruned() ? state.prunedAfterEpoch() + config.fineTuneEpochs() : trialEpochs;
    }

    /**
     * The first epoch whose model may be kept (and from which early stopping counts): gradual, {@code pruneEndEpoch};
     * after one-shot pruning, the epochs after it (the model just pruned is the trainer's first candidate); else 1.
     */
    int firstKeptEpoch() {
        if (config.pruning() == Pruning.GRADUAL) {
            return config.pruneEndEpoch();
        }
        return state.pruned() ? state.prunedAfterEpoch() + 1 : 1;
    }

    /** Whether one-shot pruning is due after {@code epoch}: the dense phase is over, or early stopping ended it. */
    boolean densePhaseEndsAfter(int epoch, boolean patienceRanOut) {
        boolean oneShot = config.pruning() == Pruning.MAGNITUDE || config.pruning() == Pruning.STRUCTURED;
        return oneShot && !state.pruned() && (epoch >= config.oneShotEpoch(trialEpochs) || patienceRanOut);
    }

    /**
     * Prunes the network, whose parameters must be the best dense epoch's, after {@code epoch}: magnitude masks
     * applied and held from now on, or a smaller network (fresh updater) that replaces it; {@code trainer} listens
     * to the network that trains on.
     *
     * @param dense the best dense epoch's validation figures: the uncompressed accuracy; null without validation
     * @return the network to fine-tune and ship
     * @throws IllegalArgumentException when structured pruning cannot shrink the network as configured
     */
    MultiLayerNetwork prune(int epoch, ValidationScorer.Score dense, TrainingListener trainer) {
        if (config.pruning() == Pruning.MAGNITUDE) {
            masks = Masks.magnitude(network, config.targetSparsity(), config.scope());
            masks.applyTo(network);
        } else {
            network = StructuredPruning.shrink(network, config.targetSparsity(), config.scope());
        }
        state = state.prunedAfter(epoch, dense == null ? null : dense.accuracy(), dense == null ? null : dense.loss());
        listen(trainer);
        return network;
    }

    /**
     * Notes a validated epoch: gradual pruning remembers the best epoch (lowest validation loss) among those that
     * ended before pruning started, as the uncompressed model.
     */
    void epochScored(int epoch, ValidationScorer.Score score) {
        if (config.pruning() != Pruning.GRADUAL || score == null || epoch > config.pruneStartEpoch()) {
            return;
        }
        if (state.uncompressedValLoss() == null || score.loss() < state.uncompressedValLoss()) {
            state = state.uncompressed(score.accuracy(), score.loss());
        }
    }

    /**
     * The validation accuracy of the model before compression, against which the evaluator measures
     * {@code accuracy_drop}: without pruning, the kept model's (the drop is then quantization's alone); after
     * one-shot pruning, the best dense epoch's; gradual, the best epoch's among those that ended at or before
     * {@code pruneStartEpoch}, and null when pruning started with the first update (no dense model was ever
     * validated).
     */
    Double uncompressedValAccuracy(Double keptValAccuracy) {
        return config.pruning() == Pruning.NONE ? keptValAccuracy : state.uncompressedValAccuracy();
    }

    /** The last dense epoch before one-shot pruning; null when the trial was not pruned that way. */
    Integer prunedAfterEpoch() {
        return state.prunedAfterEpoch();
    }

    /** The bookkeeping a checkpoint carries. */
    PruningState state() {
        return state;
    }

    /** The masks a checkpoint carries: magnitude's once pruned, gradual's once started; null otherwise. */
    Masks masks() {
        return gradual != null ? gradual.masks() : masks;
    }

    /**
     * Writes the network as it ships: sparse weights encoded compactly, stored in the trial's precision, against
     * the dense architecture's size.
     */
    ArtifactFacts write(Path file) throws IOException {
        return CompressedArtifact.write(file, network, config.precision(), state.denseParams());
    }
}
