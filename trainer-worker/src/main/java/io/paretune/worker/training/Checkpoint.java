package io.paretune.worker.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paretune.contract.messaging.Json;
import io.paretune.artifacts.ArtifactLimits;
import io.paretune.ml.artifact.NdArrays;
import io.paretune.ml.artifact.NetworkReader;
import io.paretune.ml.artifact.UntrustedZip;
import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.ml.compress.Masks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Where one segment of a trial left off, as one file in the artifact store (written atomically), so that the next
 * segment continues on any worker as if training had never stopped:
 * <ul>
 *   <li>{@code network.zip}: the network with its updater state ({@code ModelSerializer}, so Adam's moments and the
 *       iteration count that drives its bias correction continue);</li>
 *   <li>{@code state.json}: the epoch reached, the early-stopping bookkeeping (best validation loss and its
 *       epoch, training seconds so far) and the {@link PruningState};</li>
 *   <li>{@code best-params.bin}: the best epoch's parameters, present only when they differ from the network's
 *       (the best epoch was not the last), for early stopping to restore at the end;</li>
 *   <li>{@code masks.bin}: the pruning masks ({@link Masks#toBytes()}), present once magnitude or gradual pruning
 *       has masks, so that pruned weights stay exactly zero on the worker that resumes. After structured pruning
 *       the network itself is the smaller one.</li>
 * </ul>
 *
 * <pre>{@code
 * store.writeAtomically(path, file -> Checkpoint.write(file, net, state, bestParams, masks));
 * Checkpoint resumed = store.read(path, file -> Checkpoint.read(file, store.limits()));
 * }</pre>
 *
 * @param bestParams parameters of {@code state.bestEpoch()}; null when they are the network's own
 * @param masks      the pruning masks of {@code network}; null when nothing is masked
 */
public record Checkpoint(MultiLayerNetwork network, State state, INDArray bestParams, Masks masks) {

    private static final String NETWORK = "network.zip";
    private static final String STATE = "state.json";
    private static final String BEST_PARAMS = "best-params.bin";
    private static final String MASKS = "masks.bin";
    private static final Set<String> ENTRIES = Set.of(STATE, NETWORK, BEST_PARAMS, MASKS);

    /**
     * The bookkeeping of a trial after {@code epoch}.
     *
     * @param bestEpoch        epoch with the lowest validation loss so far (the last epoch without validation images)
     * @param bestValLoss      its validation loss; null without validation images
     * @param bestValAccuracy  its validation accuracy; null without validation images
     * @param trainSeconds     training time of all segments up to here
     * @param pruning          where pruning stands; null in checkpoints written before workers pruned (nothing was)
     */
    public record State(int epoch, int bestEpoch, Double bestValLoss, Double bestValAccuracy, double trainSeconds,
                        PruningState pruning) {
    }

    /** Writes a checkpoint to {@code file} (a temporary file of {@code ArtifactStore.writeAtomically}). */
    public static void write(Path file, MultiLayerNetwork network, State state, INDArray bestParams, Masks masks)
            throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(STATE));
            zip.write(Json.mapper().writeValueAsBytes(state));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(NETWORK));
            ModelSerializer.writeModel(network, new KeepOpen(zip), true);
            zip.closeEntry();
            if (bestParams != null) {
                zip.putNextEntry(new ZipEntry(BEST_PARAMS));
                Nd4j.write(bestParams, new DataOutputStream(new KeepOpen(zip)));
                zip.closeEntry();
            }
            if (masks != null) {
                zip.putNextEntry(new ZipEntry(MASKS));
                zip.write(masks.toBytes());
                zip.closeEntry();
            }
        }
    }

    /**
     * Reads a checkpoint back, the network ready to train on, trusting nothing in the file: only the entries above
     * are accepted, the network through {@link NetworkReader} (no Java deserialization, arrays no longer than its
     * configuration implies), the best parameters only at the network's parameter count and the masks only at the
     * network's shapes, all within {@code limits}.
     *
     * @throws NoSuchFileException      when there is no checkpoint at {@code file}
     * @throws InvalidArtifactException when the file is refused; the message names no path
     * @throws IOException              when it cannot be read
     */
    public static Checkpoint read(Path file, ArtifactLimits limits) throws IOException {
        try (UntrustedZip zip = UntrustedZip.open(file, ENTRIES::contains, limits)) {
            if (!zip.has(STATE) || !zip.has(NETWORK)) {
                throw new InvalidArtifactException("the checkpoint needs " + STATE + " and " + NETWORK);
            }
            State state = Json.mapper().readValue(zip.read(STATE, limits.maxJsonBytes()), State.class);
            MultiLayerNetwork network = NetworkReader.read(zip, NETWORK);
            INDArray best = null;
            if (zip.has(BEST_PARAMS)) {
                try (InputStream in = zip.open(BEST_PARAMS)) {
                    best = NdArrays.read(in, network.numParams(), network.params().dataType(), BEST_PARAMS);
                }
            }
            Masks masks = zip.has(MASKS) ? Masks.fromBytes(zip.read(MASKS, Masks.maxBytes(network)), network) : null;
            return new Checkpoint(network, state, best, masks);
        } catch (JsonProcessingException e) {
            throw new InvalidArtifactException("unreadable checkpoint state: " + e.getOriginalMessage(), e);
        }
    }

    /** ModelSerializer closes the stream it is given; the zip entry must stay open for the next one. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
