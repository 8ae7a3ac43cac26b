package io.paretune.ml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fashion-MNIST read from its IDX files: 60,000 training and 10,000 test images of 28x28 pixels, 10 classes.
 * Loaded once per directory and JVM (about 55 MB), since every trial of a worker reads the same files.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
 * int label = data.trainLabel(0);
 * }</pre>
 */
public final class FashionMnist {

    /** Where the Debian package {@code dataset-fashion-mnist} installs the files. */
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final int CLASSES = 10;
    public static final int PIXELS = 28 * 28;
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final Map<Path, FashionMnist> CACHE = new ConcurrentHashMap<>();

    private final IdxReader.Images trainImages;
    private final byte[] trainLabels;
    private final IdxReader.Images testImages;
    private final byte[] testLabels;

    private FashionMnist(IdxReader.Images trainImages, byte[] trainLabels, IdxReader.Images testImages, byte[] testLabels) {
        this.trainImages = trainImages;
        this.trainLabels = trainLabels;
        this.testImages = testImages;
        this.testLabels = testLabels;
    }

    /**
     * Loads (or returns the already loaded) data set in {@code dir}.
     *
     * @throws DatasetMissingException naming the directory, the missing file and the Debian package
     */
    public static FashionMnist load(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        return CACHE.computeIfAbsent(key, FashionMnist::read);
    }

    private static FashionMnist read(Path dir) {
        Path trainImages = file(dir, "train-images-idx3-ubyte");
        Path trainLabels = file(dir, "train-labels-idx1-ubyte");
        Path testImages = file(dir, "t10k-images-idx3-ubyte");
        Path testLabels = file(dir, "t10k-labels-idx1-ubyte");
        try {
            FashionMnist data = new FashionMnist(IdxReader.readImages(trainImages), IdxReader.readLabels(trainLabels),
                    IdxReader.readImages(testImages), IdxReader.readLabels(testLabels));
            data.check(dir);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void check(Path dir) throws IOException {
        if (trainImages.count() != trainLabels.length || testImages.count() != testLabels.length) {
            throw new IOException("image and label counts differ in " + dir);
        }
        if (trainImages.pixelsPerImage() != PIXELS || testImages.pixelsPerImage() != PIXELS) {
            throw new IOException("expected 28x28 images in " + dir);
        }
    }

    /** The file with or without {@code .gz}. */
    private static Path file(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DatasetMissingException("Fashion-MNIST not found: " + gz + " is missing. Install the Debian package "
                + DEBIAN_PACKAGE + " (apt-get install -y " + DEBIAN_PACKAGE + ") or point paretune.dataset.dir at a "
                + "directory holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz "
                + "and t10k-labels-idx1-ubyte.gz");
    }

    public IdxReader.Images trainImages() {
        return trainImages;
    }

    public IdxReader.Images testImages() {
        return testImages;
    }

    public int trainLabel(int i) {
        return trainLabels[i];
    }

    public int testLabel(int i) {
        return testLabels[i];
    }

    public int trainCount() {
        return trainImages.count();
    }

    public int testCount() {
        return testImages.count();
    }

    /** Thrown when the data set files are not where they should be. */
    public static final class DatasetMissingException extends RuntimeException {
        public DatasetMissingException(String message) {
            super(message);
        }
    }
}
