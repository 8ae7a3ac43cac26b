package io.paretune.ml.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST-style data sets (gzipped or not): a big-endian int32 magic number, the item count,
 * for images the rows and columns, then one unsigned byte per pixel or label.
 *
 * <pre>{@code
 * IdxReader.Images images = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
 * int firstPixel = images.pixel(0, 0);
 * }</pre>
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images as unsigned bytes, row-major, image after image. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public int pixelsPerImage() {
            return rows * cols;
        }

        /** Pixel {@code p} (0..rows*cols-1) of image {@code i}, 0..255. */
        public int pixel(int i, int p) {
            return pixels[i * pixelsPerImage() + p] & 0xFF;
        }
    }

    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(file + " is not an IDX image file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE) {
                throw new IOException(file + " has an impossible header: " + count + " x " + rows + " x " + cols);
            }
            byte[] pixels = new byte[count * rows * cols];
            readFully(in, pixels, file);
            return new Images(count, rows, cols, pixels);
        }
    }

    /** Labels as bytes (0..255). */
    public static byte[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException(file + " is not an IDX label file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int count = in.readInt();
            if (count < 0) {
                throw new IOException(file + " has a negative label count");
            }
            byte[] labels = new byte[count];
            readFully(in, labels, file);
            return labels;
        }
    }

    private static void readFully(DataInputStream in, byte[] into, Path file) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: expected " + into.length + " data bytes", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }
}
