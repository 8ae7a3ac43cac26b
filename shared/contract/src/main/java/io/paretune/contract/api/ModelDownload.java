package io.paretune.contract.api;

import java.nio.file.Path;

/**
 * A model saved by {@link ControllerClient#downloadModel}: the file, whose SHA-256 was checked against the one the
 * controller sent (the hash of the file the evaluator scored) before it was kept.
 *
 * @param file   where it was saved
 * @param bytes  its size
 * @param sha256 its hex SHA-256, equal to the controller's
 */
public record ModelDownload(Path file, long bytes, String sha256) {

    /** The response header carrying the hex SHA-256 of the served model. */
    public static final String SHA256_HEADER = "X-Checksum-SHA256";
    /** The media type the controller serves models in (a compressed artifact is a zip). */
    public static final String MEDIA_TYPE = "application/zip";
}
