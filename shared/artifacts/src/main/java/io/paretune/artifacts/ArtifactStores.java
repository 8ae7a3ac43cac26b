package io.paretune.artifacts;


import java.nio.file.Path;

/**
 * Builds the store a service's configuration chooses.
 *
 * <pre>{@code
 * ArtifactStore store = ArtifactStores.open(config.artifacts());
 * }</pre>
 */
public final class ArtifactStores {

    private ArtifactStores() {
    }

    /** @throws IllegalArgumentException when the {@code s3} store lacks its bucket or has half its credentials */
    public static ArtifactStore open(ArtifactStoreConfig config) {
        ArtifactLimits limits = ArtifactLimits.DEFAULT.withMaxUncompressedBytes(config.maxUncompressedBytes());
        return switch (config.store()) {
            case FILE -> new FileArtifactStore(Path.of(config.dir()), limits);
            case S3 -> {
                ArtifactStoreConfig.S3 s3 = config.s3();
                S3Settings settings = new S3Settings(s3.bucket().orElseThrow(() -> new IllegalArgumentException(
                        "paretune.artifacts.store=s3 needs paretune.artifacts.s3.bucket")), s3.prefix().orElse(""),
                        s3.endpoint(), s3.region(), s3.pathStyle(), s3.accessKey(), s3.secretKey());
                Path staging = Path.of(s3.stagingDir().orElse(System.getProperty("java.io.tmpdir")));
                yield new S3ArtifactStore(S3ArtifactStore.client(settings), settings, limits, staging);
            }
        };
    }
}
