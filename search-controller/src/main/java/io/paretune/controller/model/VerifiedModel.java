package io.paretune.controller.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A model file opened and found to hash to the scored SHA-256. The bytes served are read through the same open
 * channel that was hashed: a file replaced in the store after the check (stores write by renaming a new file over
 * the old) is not what goes out. Clients check the hash again on their side.
 */
public final class VerifiedModel implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final FileChannel channel;
    private final long size;
    private final String sha256;
    private final String fileName;

    VerifiedModel(FileChannel channel, long size, String sha256, String fileName) {
        this.channel = channel;
        this.size = size;
        this.sha256 = sha256;
        this.fileName = fileName;
    }

    public long size() {
        return size;
    }

    /** Hex SHA-256 of the bytes {@link #writeTo} sends. */
    public String sha256() {
        return sha256;
    }

    public String fileName() {
        return fileName;
    }

    /** Sends the {@link #size()} bytes that were hashed, then closes the file. */
    public void writeTo(OutputStream out) throws IOException {
        try (this) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long position = 0;
            while (position < size) {
                buffer.clear();
                buffer.limit((int) Math.min(BUFFER, size - position));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new IOException("the model file ended after " + position + " of " + size + " bytes");
                }
                out.write(buffer.array(), 0, read);
                position += read;
            }
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
