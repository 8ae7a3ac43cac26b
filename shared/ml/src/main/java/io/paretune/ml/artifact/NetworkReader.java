package io.paretune.ml.artifact;

import io.paretune.artifacts.ArtifactLimits;
import io.paretune.artifacts.InvalidArtifactException;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A network in DL4J's {@code ModelSerializer} layout, read without {@code ModelSerializer}: its
 * {@code configuration.json} first (checked by {@link NetworkConfigurations}), then {@code coefficients.bin} and
 * {@code updaterState.bin}, each allowed exactly the length the configuration implies ({@link NdArrays}). The
 * layout's Java-serialized entries ({@code preprocessor.bin}, {@code normalizer.bin}, the old {@code updater.bin})
 * and anything else refuse the file. The zip is read as a stream, in the order {@code ModelSerializer} writes it,
 * so a network nested in another zip (a checkpoint) is never unpacked to disk.
 *
 * <pre>{@code
 * try (UntrustedZip checkpoint = UntrustedZip.open(file, Set.of("network.zip")::contains, limits)) {
 *     MultiLayerNetwork net = NetworkReader.read(checkpoint, "network.zip"); // parameters and updater state
 * }
 * }</pre>
 */
public final class NetworkReader {

    public static final String CONFIGURATION = "configuration.json";
    public static final String COEFFICIENTS = "coefficients.bin";
    public static final String UPDATER_STATE = "updaterState.bin";
    private static final Set<String> ENTRIES = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER_STATE);

    private NetworkReader() {
    }

    /**
     * The network in entry {@code entry} of {@code outer}, with its updater state when the file has one.
     *
     * @throws InvalidArtifactException when the entry is not such a network within {@code outer}'s limits
     */
    public static MultiLayerNetwork read(UntrustedZip outer, String entry) throws IOException {
        ArtifactLimits limits = outer.limits();
        try (InputStream nested = outer.open(entry); ZipInputStream zip = new ZipInputStream(nested)) {
            InputStream counted = outer.counted(zip);
            next(zip, CONFIGURATION, entry);
            MultiLayerConfiguration conf = NetworkConfigurations.parse(
                    UntrustedZip.readAtMost(counted, entry + "/" + CONFIGURATION, limits.maxJsonBytes()), limits);
            next(zip, COEFFICIENTS, entry);
            INDArray params = NdArrays.read(counted, NetworkConfigurations.paramCount(conf), conf.getDataType(),
                    entry + "/" + COEFFICIENTS);
            MultiLayerNetwork net = NetworkConfigurations.network(conf, params);
            if (next(zip, UPDATER_STATE, entry)) {
                Updater updater = net.getUpdater();
                INDArray view = updater.getStateViewArray();
                long length = view == null ? 0 : view.length();
                INDArray state = NdArrays.read(counted, length, conf.getDataType(), entry + "/" + UPDATER_STATE);
                updater.setStateViewArray(net, state, false);
                if (next(zip, null, entry)) {
                    throw new InvalidArtifactException(entry + " has entries after " + UPDATER_STATE);
                }
            }
            return net;
        } catch (ZipException e) {
            throw new InvalidArtifactException(entry + " is not a readable zip: " + e.getMessage(), e);
        }
    }

    /**
     * Moves to the next entry, which must be {@code expected} when there is one; false at the end (which only
     * {@link #UPDATER_STATE} and the end itself may be).
     */
    private static boolean next(ZipInputStream zip, String expected, String entry) throws IOException {
        ZipEntry next = zip.getNextEntry();
        if (next == null) {
            if (expected == null || expected.equals(UPDATER_STATE)) {
                return false;
            }
            throw new InvalidArtifactException(entry + " has no " + expected);
        }
        String name = UntrustedZip.checkName(next.getName(), ENTRIES::contains);
        if (!name.equals(expected)) {
            throw new InvalidArtifactException(entry + " holds " + name + " where " + (expected == null
                    ? "it should end" : expected + " should come"));
        }
        return true;
    }
}
