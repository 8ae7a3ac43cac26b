package io.paretune.ml.compress;

import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.contract.search.CompressionConfig.Scope;
import io.paretune.artifacts.ArtifactLimits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped format: what is written loads back to the same outputs, and nothing untrusted is loaded. */
class CompressedArtifactTest {

    private static final DataSet IMAGES = TestNetworks.images(128);
    private static MultiLayerNetwork pruned;

    @TempDir
    Path dir;

    @BeforeAll
    static void aTrainedPrunedMlp() {
        pruned = TestNetworks.mlp(Map.of("hiddenLayers", 2L, "units", 64L, "batchNorm", true));
        TestNetworks.trainEpoch(pruned, IMAGES, 32);
        Masks.magnitude(pruned, 0.9, Scope.GLOBAL).applyTo(pruned);
    }

    @Test
    void fp32RoundTripGivesTheSameOutputs() throws Exception {
        Path file = dir.resolve("fp32.zip");
        ArtifactFacts written = CompressedArtifact.write(file, pruned, Precision.FP32);

        CompressedModel model = CompressedArtifact.read(file);

        assertThat(model.network().params()).as("every parameter bit for bit").isEqualTo(pruned.params());
        assertThat(maxDifference(model.network(), pruned)).isLessThan(1e-6);
        assertThat(model.facts()).isEqualTo(written);
        assertThat(written.paramCount()).isEqualTo(pruned.numParams());
        assertThat(written.sparsity()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(written.nonzeroParams()).isLessThan(pruned.numParams() / 5);
        assertThat(written.fileBytes()).isEqualTo(Files.size(file));
        assertThat(written.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        assertThat(written.computePrecision()).isEqualTo("fp32");
        assertThat(CompressedArtifact.isCompressedArtifact(file)).isTrue();
    }

    @Test
    void quantizedRoundTripsComputeOnTheDequantizedWeights() throws Exception {
        for (Precision precision : new Precision[]{Precision.FP16, Precision.INT8}) {
            Path file = dir.resolve(precision.wireName() + ".zip");
            ArtifactFacts written = CompressedArtifact.write(file, pruned, precision);

            CompressedModel model = CompressedArtifact.read(file);

            assertThat(maxDifference(model.network(), quantizedTwin(pruned, precision))).as(precision.wireName())
                    .isLessThan(1e-6);
            assertThat(maxDifference(model.network(), pruned)).as(precision.wireName())
                    .isLessThan(precision == Precision.FP16 ? 2e-3 : 5e-2);
            assertThat(PrunableWeights.sparsity(model.network())).isEqualTo(written.sparsity());
            assertThat(model.facts().computePrecision()).isEqualTo("fp32 (dequantized " + precision.wireName() + " weights)");
        }
    }

    @Test
    void sparseAndQuantizedArtifactsAreSmallerThanAPlainModelFile() throws Exception {
        MultiLayerNetwork dense = TestNetworks.mlp(Map.of("hiddenLayers", 2L, "units", 64L));
        Path plain = dir.resolve("plain.zip");
        ModelSerializer.writeModel(dense, plain.toFile(), false);

        long denseFp32 = CompressedArtifact.write(dir.resolve("d32.zip"), dense, Precision.FP32).fileBytes();
        long denseInt8 = CompressedArtifact.write(dir.resolve("d8.zip"), dense, Precision.INT8).fileBytes();
        ArtifactFacts sparseInt8 = CompressedArtifact.write(dir.resolve("s8.zip"), pruned, Precision.INT8);

        assertThat((double) denseFp32 / Files.size(plain)).as("a dense fp32 artifact: as large as a plain file")
                .isBetween(0.95, 1.01);
        assertThat((double) denseInt8 / denseFp32).as("int8: about a quarter").isBetween(0.2, 0.35);
        assertThat(sparseInt8.compressionRatio()).as("90 % pruned and int8 (14.7 measured)").isGreaterThan(12);
        assertThat(CompressedArtifact.isCompressedArtifact(plain)).isFalse();
    }

    @Test
    void aShrunkCnnLoadsBackWithTheDenseSizeOfItsOriginal() throws Exception {
        MultiLayerNetwork cnn = TestNetworks.cnn(Map.of("filters", 8L, "batchNorm", true, "denseUnits", 16L,
                "kernelSize", 3L, "dropout", 0.2, "l2", 1e-4));
        MultiLayerNetwork small = StructuredPruning.shrink(cnn, 0.5, Scope.LAYER);
        Path file = dir.resolve("cnn.zip");

        ArtifactFacts written = CompressedArtifact.write(file, small, Precision.INT8, cnn.numParams());
        CompressedModel model = CompressedArtifact.read(file);

        assertThat(maxDifference(model.network(), quantizedTwin(small, Precision.INT8))).isLessThan(1e-5);
        assertThat(model.facts().denseParams()).isEqualTo(cnn.numParams());
        assertThat(written.denseFp32Bytes()).isEqualTo(4 * cnn.numParams());
        assertThat(model.facts().paramCount()).isEqualTo(small.numParams()).isLessThan(cnn.numParams() / 2);
    }

    @Test
    void whatIsNotAZipOrTooLargeIsRefused() throws Exception {
        Path garbage = dir.resolve("garbage.zip");
        Files.write(garbage, "PK not really".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CompressedArtifact.read(garbage)).isInstanceOf(InvalidArtifactException.class);

        Path file = written();
        ArtifactLimits small = ArtifactLimits.DEFAULT.withMaxFileBytes(1_000);
        assertThatThrownBy(() -> CompressedArtifact.read(file, small)).hasMessageContaining("more than the 1000 allowed");
        ArtifactLimits fewParams = ArtifactLimits.DEFAULT.withMaxParams(10_000);
        assertThatThrownBy(() -> CompressedArtifact.read(file, fewParams))
                .hasMessageContaining("declares more than the 10000 parameters allowed");
    }

    @Test
    void aConfigurationMayNameOnlyDl4jTypesAndBoundedSizes() throws Exception {
        Path foreign = edited(Map.of("configuration.json", text(s -> s.replaceFirst(
                "org\\.nd4j\\.linalg\\.activations\\.impl\\.ActivationReLU", "java.lang.ProcessBuilder"))));
        assertThatThrownBy(() -> CompressedArtifact.read(foreign)).isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("names class java.lang.ProcessBuilder");

        // A layer of 2·10⁹ units: refused before anything is allocated.
        Path huge = edited(Map.of("configuration.json", text(s -> s.replaceFirst("\"nout\" : 64", "\"nout\" : 2000000000"))));
        assertThatThrownBy(() -> CompressedArtifact.read(huge)).hasMessageContaining("declares more than");

        Path overflow = edited(Map.of("configuration.json", text(s -> s.replaceFirst("\"nin\" : 784",
                "\"nin\" : 9000000000000000000"))));
        assertThatThrownBy(() -> CompressedArtifact.read(overflow)).isInstanceOf(InvalidArtifactException.class);
    }

    @Test
    void tensorsMustMatchTheNetworkExactly() throws Exception {
        Path shape = edited(Map.of("manifest.json", text(s -> s.replaceFirst("\"shape\":\\[784,64\\]", "\"shape\":[64,784]"))));
        assertThatThrownBy(() -> CompressedArtifact.read(shape)).hasMessageContaining("has shape [64, 784]");

        Path truncated = edited(Map.of("tensors/0_W.bin", b -> java.util.Arrays.copyOf(b, b.length - 1)));
        assertThatThrownBy(() -> CompressedArtifact.read(truncated)).hasMessageContaining("tensors/0_W.bin holds");

        Path longer = edited(Map.of("tensors/0_b.bin", b -> java.util.Arrays.copyOf(b, b.length + 4)));
        assertThatThrownBy(() -> CompressedArtifact.read(longer)).hasMessageContaining("larger than the 256 bytes allowed");

        Path count = edited(Map.of("manifest.json", text(s -> s.replaceFirst("\"nonzeros\":(\\d+)", "\"nonzeros\":1$1"))));
        assertThatThrownBy(() -> CompressedArtifact.read(count)).isInstanceOf(InvalidArtifactException.class);

        Path nan = edited(Map.of("tensors/0_b.bin", b -> {
            byte[] copy = b.clone();
            java.nio.ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0, Float.NaN);
            return copy;
        }));
        assertThatThrownBy(() -> CompressedArtifact.read(nan)).hasMessageContaining("non-finite");
    }

    @Test
    void entriesMustBeExactlyTheManifests() throws Exception {
        Path extra = edited(Map.of("extra.bin", b -> new byte[10]));
        assertThatThrownBy(() -> CompressedArtifact.read(extra)).hasMessageContaining("unexpected entry 'extra.bin'");

        Path missing = edited(Map.of("tensors/4_W.bin", b -> null));
        assertThatThrownBy(() -> CompressedArtifact.read(missing)).hasMessageContaining("missing [tensors/4_W.bin]");

        Path format = edited(Map.of("manifest.json", text(s -> s.replace("\"version\":1", "\"version\":2"))));
        assertThatThrownBy(() -> CompressedArtifact.read(format)).hasMessageContaining("version 1");

        Path junk = edited(Map.of("manifest.json", b -> "{\"format\": [".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> CompressedArtifact.read(junk)).isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("unreadable JSON");
    }

    @Test
    void anEntryThatInflatesPastItsBoundIsNotReadWhole() throws Exception {
        // 64 MiB of spaces deflate to ~64 KiB: the reader stops at the 1 MiB a manifest may take.
        Path bomb = edited(Map.of("manifest.json", b -> {
            byte[] padded = java.util.Arrays.copyOf(b, 64 << 20);
            java.util.Arrays.fill(padded, b.length, padded.length, (byte) ' ');
            return padded;
        }));
        assertThat(Files.size(bomb)).isLessThan(1 << 20);

        assertThatThrownBy(() -> CompressedArtifact.read(bomb)).hasMessageContaining("manifest.json is larger than");
    }

    private Path written() throws IOException {
        Path file = dir.resolve("model.zip");
        if (!Files.exists(file)) {
            CompressedArtifact.write(file, pruned, Precision.FP32);
        }
        return file;
    }

    /** A copy of the written artifact with entries replaced (null: removed) or added. */
    private Path edited(Map<String, UnaryOperator<byte[]>> edits) throws IOException {
        Path source = written();
        Path target = Files.createTempFile(dir, "edited-", ".zip");
        Map<String, UnaryOperator<byte[]>> pending = new LinkedHashMap<>(edits);
        try (ZipFile zip = new ZipFile(source.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                UnaryOperator<byte[]> edit = pending.remove(entry.getName());
                byte[] result = edit == null ? bytes : edit.apply(bytes);
                if (result != null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(result);
                    out.closeEntry();
                }
            }
            for (Map.Entry<String, UnaryOperator<byte[]>> added : pending.entrySet()) {
                out.putNextEntry(new ZipEntry(added.getKey()));
                out.write(added.getValue().apply(new byte[0]));
                out.closeEntry();
            }
        }
        return target;
    }

    private static UnaryOperator<byte[]> text(UnaryOperator<String> edit) {
        return b -> edit.apply(new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** The network with its prunable weights replaced by what {@code precision} stores. */
    private static MultiLayerNetwork quantizedTwin(MultiLayerNetwork net, Precision precision) {
        MultiLayerNetwork twin = net.clone();
        for (String key : PrunableWeights.keys(twin)) {
            INDArray w = twin.getParam(key);
            float[] values = PrunableWeights.values(w);
            float[] stored = precision == Precision.INT8
                    ? Int8Weights.quantize(values, w.shape(), PrunableWeights.outputAxis(twin.getLayer(PrunableWeights.layerOf(key)))).dequantize()
                    : values.clone();
            if (precision == Precision.FP16) {
                for (int i = 0; i < stored.length; i++) {
                    stored[i] = Fp16.toFloat(Fp16.fromFloat(stored[i]));
                }
            }
            w.assign(Nd4j.create(stored, w.shape(), 'c'));
        }
        return twin;
    }

    private static double maxDifference(MultiLayerNetwork a, MultiLayerNetwork b) {
        return StructuredPruningTest.maxDifference(a.output(IMAGES.getFeatures()), b.output(IMAGES.getFeatures()));
    }
}
