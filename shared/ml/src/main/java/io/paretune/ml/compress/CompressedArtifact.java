package io.paretune.ml.compress;

import io.paretune.artifacts.InvalidArtifactException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.artifacts.ArtifactLimits;
import io.paretune.artifacts.FileDigests;
import io.paretune.ml.artifact.NetworkConfigurations;
import io.paretune.ml.artifact.UntrustedZip;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A model as it would be shipped: its architecture, sparse weights in a compact encoding, values in fp32, fp16 or
 * int8, zipped; and the loader that turns such a file back into a runnable network. Its size on disk is the
 * artifact's size.
 *
 * <p>Layout (a zip, entries deflated):
 * <ul>
 *   <li>{@code configuration.json}: the network's DL4J configuration ({@code MultiLayerConfiguration.toJson()});</li>
 *   <li>{@code tensors/<param>.bin}, one per parameter array ({@code tensors/0_W.bin}): see {@code TensorCodec}:
 *       little-endian, int8 scales per output channel, then a bitmap of the nonzero values when that is smaller,
 *       then the values. Prunable weights ({@link PrunableWeights}) are stored in the artifact's precision, every
 *       other parameter in fp32;</li>
 *   <li>{@code manifest.json}: {@code {"format": "paretune-compressed-model", "version": 1, "precision": "int8",
 *       "denseParams": 235146, "tensors": [{"param": "0_W", "shape": [784, 256], "dtype": "int8",
 *       "encoding": "bitmap", "nonzeros": 20070, "channelAxis": 1}, ...]}}.</li>
 * </ul>
 *
 * <p>Loading trusts nothing in the file: it never deserializes Java objects, reads every entry through a bound
 * ({@link ArtifactLimits}, {@link UntrustedZip}), accepts in the configuration only DL4J's own classes and the layer types Paretune builds,
 * bounds the parameters the configuration declares before the network is allocated, then requires every tensor
 * to have exactly the shape the network gives it and exactly the bytes that shape implies. Anything else is an
 * {@link InvalidArtifactException} naming what is wrong.
 *
 * <pre>{@code
 * ArtifactFacts written = CompressedArtifact.write(tmp, net, Precision.INT8, denseParamsBeforePruning);
 * CompressedModel model = CompressedArtifact.read(file);
 * double ratio = model.facts().compressionRatio();
 * }</pre>
 */
public final class CompressedArtifact {

    public static final String FORMAT = "paretune-compressed-model";
    public static final int VERSION = 1;
    static final String MANIFEST = "manifest.json";
    static final String CONFIGURATION = "configuration.json";
    private static final Pattern TENSOR_ENTRY = Pattern.compile("tensors/[A-Za-z0-9_]{1,64}\\.bin");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CompressedArtifact() {
    }

    /** The manifest on the wire. */
    record Manifest(String format, int version, String precision, long denseParams, List<Tensor> tensors) {
    }

    /** One parameter array in the manifest; {@code channelAxis} for int8 only. */
    record Tensor(String param, long[] shape, String dtype, String encoding, long nonzeros, Integer channelAxis) {
    }

    /** {@link #write(Path, MultiLayerNetwork, Precision, long)} of a network that was not shrunk. */
    public static ArtifactFacts write(Path file, MultiLayerNetwork net, Precision precision) throws IOException {
        return write(file, net, precision, net.numParams());
    }

    /**
     * Writes {@code net} to {@code file} (a temporary file of {@code ArtifactStore.writeAtomically}).
     *
     * @param denseParams parameter values of the architecture before pruning ({@code net.numParams()} of the
     *                    network before {@link StructuredPruning#shrink}), for the compression ratio
     */
    public static ArtifactFacts write(Path file, MultiLayerNetwork net, Precision precision, long denseParams)
            throws IOException {
        Set<String> weights = new HashSet<>(PrunableWeights.keys(net));
        List<Tensor> tensors = new ArrayList<>();
        long nonzero = 0;
        long weightCount = 0;
        long weightNonzero = 0;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, CONFIGURATION, net.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, INDArray> param : net.paramTable().entrySet()) {
                String key = param.getKey();
                boolean weight = weights.contains(key);
                Precision dtype = weight ? precision : Precision.FP32;
                int axis = weight ? PrunableWeights.outputAxis(net.getLayer(PrunableWeights.layerOf(key))) : 0;
                long[] shape = param.getValue().shape();
                TensorCodec.Encoded encoded = TensorCodec.encode(PrunableWeights.values(param.getValue()), shape,
                        dtype, axis);
                put(zip, entryName(key), encoded.bytes());
                tensors.add(new Tensor(key, shape, dtype.wireName(), encoded.encoding().wireName(),
                        encoded.nonzeros(), dtype == Precision.INT8 ? axis : null));
                nonzero += encoded.nonzeros();
                if (weight) {
                    weightCount += param.getValue().length();
                    weightNonzero += encoded.nonzeros();
                }
            }
            put(zip, MANIFEST, MAPPER.writeValueAsBytes(new Manifest(FORMAT, VERSION, precision.wireName(),
                    denseParams, tensors)));
        }
        double sparsity = weightCount == 0 ? 0 : 1 - (double) weightNonzero / weightCount;
        return new ArtifactFacts(precision, net.numParams(), nonzero, sparsity, denseParams, Files.size(file),
                sha256(file));
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String entryName(String param) {
        return "tensors/" + param + ".bin";
    }

    /** Whether {@code file} is a zip with this format's manifest (a plain {@code ModelSerializer} zip is not). */
    public static boolean isCompressedArtifact(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(MANIFEST) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@link #read(Path, ArtifactLimits)} with {@link ArtifactLimits#DEFAULT}. */
    public static CompressedModel read(Path file) throws IOException {
        return read(file, ArtifactLimits.DEFAULT);
    }

    /**
     * Loads an artifact into a runnable network, computing in fp32 on the dequantized weights.
     *
     * @throws InvalidArtifactException when the file is not a well-formed artifact within {@code limits}; the
     *                                  message names no path
     * @throws IOException              when it cannot be read
     */
    public static CompressedModel read(Path file, ArtifactLimits limits) throws IOException {
        try (UntrustedZip zip = UntrustedZip.open(file, CompressedArtifact::knownEntry, limits)) {
            Manifest manifest = manifest(zip.read(MANIFEST, limits.maxJsonBytes()), limits);
            Precision precision = Precision.fromWire(manifest.precision());
            MultiLayerConfiguration conf = NetworkConfigurations.parse(zip.read(CONFIGURATION, limits.maxJsonBytes()),
                    limits);
            MultiLayerNetwork net = NetworkConfigurations.network(conf, null);
            Map<String, Tensor> tensors = tensorsOf(manifest, net, zip.names());
            if (manifest.denseParams() < net.numParams() || manifest.denseParams() > limits.maxParams()) {
                throw new InvalidArtifactException("denseParams " + manifest.denseParams() + " must lie between the "
                        + "network's " + net.numParams() + " parameters and " + limits.maxParams());
            }
            Set<String> weights = new HashSet<>(PrunableWeights.keys(net));
            long nonzero = 0;
            for (Map.Entry<String, INDArray> param : net.paramTable().entrySet()) {
                String key = param.getKey();
                Precision expected = weights.contains(key) ? precision : Precision.FP32;
                int axis = weights.contains(key) ? PrunableWeights.outputAxis(net.getLayer(PrunableWeights.layerOf(key))) : 0;
                float[] values = tensor(zip, tensors.get(key), param.getValue().shape(), expected, axis);
                param.getValue().assign(Nd4j.create(values, param.getValue().shape(), 'c'));
                nonzero += tensors.get(key).nonzeros();
            }
            ArtifactFacts facts = new ArtifactFacts(precision, net.numParams(), nonzero, PrunableWeights.sparsity(net),
                    manifest.denseParams(), Files.size(file), sha256(file));
            return new CompressedModel(net, facts);
        } catch (JacksonException e) {
            throw new InvalidArtifactException("the artifact holds unreadable JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidArtifactException("not a valid artifact: " + e.getMessage(), e);
        }
    }

    /** The entries this format has: its manifest, its configuration and one tensor per parameter. */
    private static boolean knownEntry(String name) {
        return name.equals(MANIFEST) || name.equals(CONFIGURATION) || TENSOR_ENTRY.matcher(name).matches();
    }

    private static Manifest manifest(byte[] json, ArtifactLimits limits) throws IOException {
        Manifest manifest = MAPPER.readValue(json, Manifest.class);
        if (!FORMAT.equals(manifest.format()) || manifest.version() != VERSION) {
            throw new InvalidArtifactException("not a " + FORMAT + " version " + VERSION + " manifest: format "
                    + manifest.format() + ", version " + manifest.version());
        }
        if (manifest.tensors() == null || manifest.tensors().size() > limits.maxEntries()) {
            throw new InvalidArtifactException("the manifest must list at most " + limits.maxEntries() + " tensors");
        }
        return manifest;
    }

    /** The manifest's tensors by parameter, exactly one per parameter of {@code net}, each with its entry. */
    private static Map<String, Tensor> tensorsOf(Manifest manifest, MultiLayerNetwork net, Set<String> entries)
            throws InvalidArtifactException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Tensor t : manifest.tensors()) {
            if (t == null || t.param() == null || tensors.put(t.param(), t) != null) {
                throw new InvalidArtifactException("the manifest lists a tensor without a name, or one twice");
            }
        }
        if (!tensors.keySet().equals(net.paramTable().keySet())) {
            throw new InvalidArtifactException("the manifest lists tensors " + new TreeSet<>(tensors.keySet())
                    + ", the network has parameters " + new TreeSet<>(net.paramTable().keySet()));
        }
        Set<String> expected = new HashSet<>(List.of(MANIFEST, CONFIGURATION));
        tensors.keySet().forEach(param -> expected.add(entryName(param)));
        if (!entries.equals(expected)) {
            Set<String> unexpected = new TreeSet<>(entries);
            unexpected.removeAll(expected);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(entries);
            throw new InvalidArtifactException("the artifact's entries do not match its manifest: unexpected "
                    + unexpected + ", missing " + missing);
        }
        return tensors;
    }

    /** One tensor's values, checked against what the network says it must be. */
    private static float[] tensor(UntrustedZip zip, Tensor t, long[] shape, Precision expected, int axis)
            throws IOException {
        String name = entryName(t.param());
        if (!Arrays.equals(t.shape(), shape)) {
            throw new InvalidArtifactException(name + " has shape " + Arrays.toString(t.shape()) + "; the network's "
                    + t.param() + " is " + Arrays.toString(shape));
        }
        Precision dtype = Precision.fromWire(t.dtype());
        if (dtype != expected) {
            throw new InvalidArtifactException(name + " is " + t.dtype() + ", expected " + expected.wireName());
        }
        if (dtype == Precision.INT8 && (t.channelAxis() == null || t.channelAxis() != axis)) {
            throw new InvalidArtifactException(name + " must be quantized along axis " + axis);
        }
        int n = Math.toIntExact(TensorCodec.elements(shape));
        if (t.nonzeros() < 0 || t.nonzeros() > n) {
            throw new InvalidArtifactException(name + " declares " + t.nonzeros() + " nonzero values of " + n);
        }
        TensorCodec.Encoding encoding = TensorCodec.Encoding.fromWire(t.encoding());
        int scales = dtype == Precision.INT8 ? (int) shape[axis] : 0;
        byte[] bytes = zip.read(name, TensorCodec.size(n, scales, dtype, encoding, t.nonzeros()));
        return TensorCodec.decode(bytes, shape, dtype, encoding, t.nonzeros(), axis, name);
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(FileDigests.digest(file, "SHA-256"));
    }
}
