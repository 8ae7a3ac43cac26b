package io.paretune.controller.model;

import io.paretune.contract.api.ModelCard;
import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.contract.search.MlpParameters;
import io.paretune.ml.compress.ArtifactFacts;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.IdxReader;
import io.paretune.ml.data.ImageBatches;
import io.paretune.ml.model.MlpNetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the model card states without loading shared/ml is held to shared/ml itself: the input the data code builds,
 * the split it makes, and the loader API the snippet calls (the snippet is compiled and run on a real artifact).
 */
class ModelCardFactsTest {

    @Test
    void preprocessingIsWhatTheDataCodeDoes() {
        assertThat(FashionMnistInput.CLASSES).isEqualTo(FashionMnist.CLASS_NAMES);
        assertThat(FashionMnistInput.PIXELS).isEqualTo(FashionMnist.PIXELS).isEqualTo(MlpNetworkFactory.INPUTS);
        assertThat(FashionMnistInput.TEST_IMAGES)
                .isEqualTo(FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR)).testCount());

        // One image whose pixels are 0, 51, 255, ...: the features are the bytes / 255, as float32, row by row.
        byte[] pixels = new byte[FashionMnist.PIXELS];
        pixels[0] = 0;
        pixels[1] = 51;
        pixels[FashionMnist.PIXELS - 1] = (byte) 255;
        DataSet batch = ImageBatches.of(new IdxReader.Images(1, 28, 28, pixels), i -> 3, new int[]{0});
        assertThat(batch.getFeatures().shape()).containsExactly(1, FashionMnistInput.PIXELS);
        assertThat(batch.getFeatures().dataType().toString()).isEqualTo("FLOAT");
        assertThat(batch.getFeatures().getFloat(0, 0)).isEqualTo(0f);
        assertThat(batch.getFeatures().getFloat(0, 1)).isEqualTo(0.2f);
        assertThat(batch.getFeatures().getFloat(0, FashionMnist.PIXELS - 1)).isEqualTo(1f);
        assertThat(FashionMnistInput.PIXEL_SCALING).contains("divided by 255");
    }

    @Test
    void theSplitIsTheOneDataSplitMakes() {
        for (DatasetSpec spec : List.of(new DatasetSpec("fashion-mnist", 0.1, 1000, 11L),
                new DatasetSpec("fashion-mnist", 0.0833, null, 42L), new DatasetSpec("fashion-mnist", 0.5, 59_000, 1L))) {
            DataSplit split = DataSplit.of(60_000, spec);
            ModelCard.DataView card = ModelCards.data(spec);
            assertThat(card.validationImages()).as(spec.toString()).isEqualTo(split.validation().length);
            assertThat(card.trainImages()).as(spec.toString()).isEqualTo(split.train().length);
            assertThat(card.splitSeed()).isEqualTo(spec.splitSeed());
        }
    }

    @Test
    void theLoadSnippetCompilesAndClassifiesAnImageFromARealArtifact(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = MlpNetworkFactory.build(MlpParameters.resolve(Map.of("units", 16), 1), 3L);
        Path artifact = dir.resolve("quick-trial-3.ptm.zip");
        ArtifactFacts facts = CompressedArtifact.write(artifact, net, Precision.INT8);

        Path source = Files.createDirectories(dir.resolve("src")).resolve(LoadSnippet.CLASS_NAME + ".java");
        Files.writeString(source, LoadSnippet.forFile(artifact.getFileName().toString()));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-proc:none", "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass(LoadSnippet.CLASS_NAME).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[]{artifact.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .matches("class [0-9], probability [0-9.E-]+, computed in " + facts.computePrecision()
                        .replace("(", "\\(").replace(")", "\\)") + "\\R");
    }
}
