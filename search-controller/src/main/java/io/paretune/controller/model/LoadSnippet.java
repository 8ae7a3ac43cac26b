package io.paretune.controller.model;

/**
 * The card's {@code loadSnippet}: a complete Java program that loads a downloaded artifact with {@code shared/ml}'s
 * loader and classifies one image. A test compiles and runs it against a real artifact, so it follows the loader's
 * API as it is.
 */
final class LoadSnippet {

    /** The program's class name (and so its file name, {@code RunModel.java}). */
    static final String CLASS_NAME = "RunModel";

    private LoadSnippet() {
    }

    static String forFile(String fileName) {
        return """
                // Needs io.paretune:paretune-ml and an ND4J backend (paretune-nd4j-cpu) on the class path.
                import io.paretune.ml.compress.CompressedArtifact;
                import io.paretune.ml.compress.CompressedModel;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.nd4j.linalg.api.ndarray.INDArray;
                import org.nd4j.linalg.factory.Nd4j;

                import java.nio.file.Path;

                public class %1$s {
                    public static void main(String[] args) throws Exception {
                        CompressedModel model = CompressedArtifact.read(Path.of(args.length > 0 ? args[0] : "%2$s"));
                        // One image: 784 float32 values, the pixels row by row, each byte / 255 (here a blank one).
                        INDArray image = Nd4j.zeros(DataType.FLOAT, 1, 784);
                        INDArray probabilities = model.network().output(image);
                        int predicted = probabilities.argMax(1).getInt(0);
                        System.out.println("class " + predicted + ", probability " + probabilities.getFloat(0, predicted)
                                + ", computed in " + model.facts().computePrecision());
                    }
                }
                """.formatted(CLASS_NAME, fileName);
    }
}
