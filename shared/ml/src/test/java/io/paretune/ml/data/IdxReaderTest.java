package io.paretune.ml.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static byte[] images(int magic, int count, int rows, int cols, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < dataBytes; i++) {
            out.writeByte(i * 37);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsImagesPlainAndGzipped() throws IOException {
        byte[] content = images(IdxReader.IMAGES_MAGIC, 2, 2, 3, 12);
        for (boolean gzip : new boolean[]{false, true}) {
            IdxReader.Images images = IdxReader.readImages(write("img" + gzip, content, gzip));

            assertThat(images.count()).isEqualTo(2);
            assertThat(images.rows()).isEqualTo(2);
            assertThat(images.cols()).isEqualTo(3);
            assertThat(images.pixel(0, 1)).isEqualTo(37);
            assertThat(images.pixel(1, 5)).as("unsigned").isEqualTo((11 * 37) & 0xFF);
        }
    }

    @Test
    void readsLabels() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.LABELS_MAGIC);
        out.writeInt(3);
        out.write(new byte[]{9, 0, 4});

        assertThat(IdxReader.readLabels(write("labels.gz", bytes.toByteArray(), true))).containsExactly(9, 0, 4);
    }

    @Test
    void refusesWrongMagicAndTruncatedFiles() throws IOException {
        Path labelsAsImages = write("x", images(IdxReader.LABELS_MAGIC, 1, 1, 1, 1), false);
        assertThatThrownBy(() -> IdxReader.readImages(labelsAsImages)).hasMessageContaining("not an IDX image file");

        Path truncated = write("t.gz", images(IdxReader.IMAGES_MAGIC, 2, 2, 2, 5), true);
        assertThatThrownBy(() -> IdxReader.readImages(truncated)).hasMessageContaining("truncated");

        Path impossible = write("i", images(IdxReader.IMAGES_MAGIC, 1, 0, 28, 0), false);
        assertThatThrownBy(() -> IdxReader.readImages(impossible)).hasMessageContaining("impossible header");
    }
}
