package io.paretune.ml.artifact;

import io.paretune.artifacts.ArtifactLimits;
import io.paretune.contract.search.MlpParameters;
import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.ml.model.MlpNetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real zips as an attacker would write them, read by the loader the worker and the evaluator use. */
class HostileArtifactsTest {

    private static final String NETWORK = "network.zip";
    private static final Set<String> OUTER = Set.of(NETWORK, "state.json");

    @TempDir
    static Path dir;

    /** A trained network (Adam, so that its updater state is not zero) as DL4J's ModelSerializer writes it. */
    private static MultiLayerNetwork trained;
    private static byte[] modelZip;

    @BeforeAll
    static void train() throws IOException {
        trained = MlpNetworkFactory.build(MlpParameters.resolve(Map.of("hiddenLayers", 1L, "units", 16L), 3), 7L);
        Nd4j.getRandom().setSeed(7);
        INDArray features = Nd4j.rand(DataType.FLOAT, 32, 784);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            labels.putScalar(i, i % 10, 1);
        }
        for (int i = 0; i < 3; i++) {
            trained.fit(features, labels);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(trained, bytes, true);
        modelZip = bytes.toByteArray();
    }

    @Test
    void readsAWellFormedNetworkAsModelSerializerDoes() throws IOException {
        Path file = outer(Map.of(NETWORK, modelZip));

        MultiLayerNetwork read;
        try (UntrustedZip zip = UntrustedZip.open(file, OUTER::contains, ArtifactLimits.DEFAULT)) {
            read = NetworkReader.read(zip, NETWORK);
        }
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(modelZip), true);

        assertThat(read.params()).isEqualTo(trained.params());
        assertThat(read.getUpdater().getStateViewArray()).isEqualTo(trained.getUpdater().getStateViewArray());
        assertThat(read.getUpdater().getStateViewArray()).isEqualTo(restored.getUpdater().getStateViewArray());
        assertThat(read.getIterationCount()).isEqualTo(restored.getIterationCount()).isEqualTo(3);
        INDArray input = Nd4j.rand(DataType.FLOAT, 4, 784);
        assertThat(read.output(input)).isEqualTo(restored.output(input));
    }

    @Test
    void refusesAJavaSerializedEntry() throws IOException {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(object)) {
            out.writeObject(new java.util.HashMap<>(Map.of("gadget", "chain")));
        }
        Path nested = outer(Map.of(NETWORK, withEntries(modelZip, Map.of("preprocessor.bin", object.toByteArray()))));
        Path top = outer(Map.of(NETWORK, modelZip, "normalizer.bin", object.toByteArray()));

        assertThatThrownBy(() -> readNetwork(nested)).isInstanceOf(InvalidArtifactException.class)
                .hasMessage("entry preprocessor.bin holds Java-serialized objects, which are never read");
        assertThatThrownBy(() -> readNetwork(top)).isInstanceOf(InvalidArtifactException.class)
                .hasMessage("entry normalizer.bin holds Java-serialized objects, which are never read");
    }

    @Test
    void refusesAnArrayThatDeclaresGigabytesBeforeAllocatingIt() throws IOException {
        long params = trained.numParams();
        // 2³¹ floats (8 GiB) declared, none present: Nd4j.read would allocate them first.
        byte[] bomb = arrayHeaders(new long[]{1, 1L << 31}, 1L << 31);
        Path file = outer(Map.of(NETWORK, withEntries(modelZip, Map.of("coefficients.bin", bomb))));
        // A shape buffer of 2⁴⁰ longs: ND4J allocates it before reading the shape.
        byte[] shapeBomb = buffer(1L << 40, "LONG");
        Path shapeFile = outer(Map.of(NETWORK, withEntries(modelZip, Map.of("coefficients.bin", shapeBomb))));

        assertThatThrownBy(() -> readNetwork(file)).isInstanceOf(InvalidArtifactException.class)
                .hasMessage(NETWORK + "/coefficients.bin declares shape [1, 2147483648] of 2147483648 values; "
                        + params + " expected");
        assertThatThrownBy(() -> readNetwork(shapeFile)).isInstanceOf(InvalidArtifactException.class)
                .hasMessage(NETWORK + "/coefficients.bin has no valid shape information");
    }

    @Test
    void refusesAnArrayWithStridesThatReachPastItsValues() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Nd4j.write(Nd4j.rand(DataType.FLOAT, 4, 8), new DataOutputStream(bytes));
        byte[] written = bytes.toByteArray();
        // Shape information after the first header: rank 2, shape [4, 8], strides [8, 1]; make them [800, 1].
        int strides = headerLength("LONG") + 3 * Long.BYTES;
        ByteBuffer.wrap(written, strides, Long.BYTES).order(ByteOrder.BIG_ENDIAN).putLong(800);

        assertThatThrownBy(() -> NdArrays.read(new ByteArrayInputStream(written), 32, DataType.FLOAT, "params"))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessage("params declares strides [800, 1] that do not fit its shape [4, 8]");
    }

    @Test
    void refusesAZipBomb() throws IOException {
        byte[] spaces = new byte[64 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        Path bomb = outer(Map.of(NETWORK, modelZip, "state.json", spaces));
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        ArtifactLimits limits = ArtifactLimits.DEFAULT.withMaxUncompressedBytes(16 << 20);

        assertThatThrownBy(() -> UntrustedZip.open(bomb, OUTER::contains, limits))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessage("the zip declares more than the 16777216 uncompressed bytes allowed");
        // The same bomb whose directory claims 100 bytes: what is inflated is counted, not what is claimed.
        Path lying = Files.write(dir.resolve("lying.zip"), declareSize(Files.readAllBytes(bomb), "state.json", 100));
        try (UntrustedZip zip = UntrustedZip.open(lying, OUTER::contains, limits);
             InputStream in = zip.open("state.json")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(InvalidArtifactException.class)
                    .hasMessage("the zip inflates to more than the 16777216 bytes allowed");
        }
    }

    @Test
    void refusesAnUnknownEntry() throws IOException {
        Path top = outer(Map.of(NETWORK, modelZip, "Exploit.class", new byte[]{(byte) 0xCA, (byte) 0xFE}));
        Path nested = outer(Map.of(NETWORK, withEntries(modelZip, Map.of("noParams.marker", new byte[0]))));

        assertThatThrownBy(() -> readNetwork(top)).isInstanceOf(InvalidArtifactException.class)
                .hasMessage("unexpected entry 'Exploit.class'");
        assertThatThrownBy(() -> readNetwork(nested)).isInstanceOf(InvalidArtifactException.class)
                .hasMessage("unexpected entry 'noParams.marker'");
    }

    @Test
    void refusesAConfigurationNamingForeignClasses() throws IOException {
        String json = trained.getLayerWiseConfigurations().toJson().replaceFirst(
                "\"org\\.deeplearning4j\\.nn\\.conf\\.layers\\.DenseLayer\"", "\"javax.script.ScriptEngineManager\"");
        Path file = outer(Map.of(NETWORK, withEntries(modelZip, Map.of("configuration.json", json.getBytes()))));

        assertThatThrownBy(() -> readNetwork(file)).isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("names class javax.script.ScriptEngineManager");
    }

    @Test
    void refusesALinkInsteadOfAFile() throws IOException {
        Path target = outer(Map.of(NETWORK, modelZip));
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), target);

        assertThatThrownBy(() -> UntrustedZip.open(link, OUTER::contains, ArtifactLimits.DEFAULT))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessage("the file is a symbolic link; links are not followed");
    }

    @Test
    void theJvmRefusesJavaDeserialization() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(List.of("gadget")));
        }

        assertThatThrownBy(() -> new java.io.ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                .readObject()).isInstanceOf(java.io.InvalidClassException.class)
                .hasMessageContaining("REJECTED");
    }

    private static MultiLayerNetwork readNetwork(Path file) throws IOException {
        try (UntrustedZip zip = UntrustedZip.open(file, OUTER::contains, ArtifactLimits.DEFAULT)) {
            return NetworkReader.read(zip, NETWORK);
        }
    }

    /** A zip of {@code entries}, in order, in the test directory. */
    private static Path outer(Map<String, byte[]> entries) throws IOException {
        Path file = Files.createTempFile(dir, "artifact-", ".zip");
        Files.write(file, zip(new LinkedHashMap<>(entries)));
        return file;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** {@code zip} with entries replaced in place, or added at the end. */
    private static byte[] withEntries(byte[] zip, Map<String, byte[]> changes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        entries.putAll(changes);
        return zip(entries);
    }

    /** ND4J's array headers for {@code shape} and {@code length} float values, without the values. */
    private static byte[] arrayHeaders(long[] shape, long length) throws IOException {
        int rank = shape.length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(buffer(2L * rank + 4, "LONG"));
        out.writeLong(rank);
        for (long d : shape) {
            out.writeLong(d);
        }
        List<Long> strides = new ArrayList<>();
        long stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            strides.add(0, stride);
            stride *= shape[i];
        }
        for (long s : strides) {
            out.writeLong(s);
        }
        out.writeLong(0);
        out.writeLong(1);
        out.writeLong('c');
        out.write(buffer(length, "FLOAT"));
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] buffer(long length, String type) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(length);
        out.writeUTF(type);
        out.flush();
        return bytes.toByteArray();
    }

    private static int headerLength(String type) {
        return 2 + "MIXED_DATA_TYPES".length() + Long.BYTES + 2 + type.length();
    }

    /** {@code zip} with the central directory's uncompressed size of {@code name} replaced by {@code size}. */
    private static byte[] declareSize(byte[] zip, String name, int size) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (buffer.getInt(i) == 0x02014b50) {
                int nameLength = buffer.getShort(i + 28) & 0xffff;
                if (new String(zip, i + 46, nameLength).equals(name)) {
                    buffer.putInt(i + 24, size);
                    return zip;
                }
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }
}
