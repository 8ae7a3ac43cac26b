package io.paretune.artifacts;

import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/**
 * The keys under {@code paretune.artifacts} that choose and set up the artifact store, the same in every service that
 * writes or reads artifacts: a service's {@code @ConfigMapping(prefix = "paretune.artifacts")} extends this interface
 * and {@link ArtifactStores#open} builds the store from it.
 *
 * <pre>{@code
 * @ConfigMapping(prefix = "paretune.artifacts")
 * public interface ArtifactsConfig extends ArtifactStoreConfig {
 * }
 * ArtifactStore store = ArtifactStores.open(config);
 * }</pre>
 */
public interface ArtifactStoreConfig {

    /** Which store: {@code file}, a directory every service shares ({@link #dir()}); {@code s3}, a bucket. */
    @WithDefault("file")
    Kind store();

    /** Root of the {@code file} store; messages carry paths relative to it. */
    @WithDefault("${user.home}/.paretune/artifacts")
    String dir();

    /**
     * Bytes a reader inflates from one model or checkpoint file, nested zips included: a small file that inflates
     * past it (a zip bomb) is refused. The default, 4 GiB, holds a checkpoint of the largest network the catalogues
     * allow.
     */
    @WithDefault("4294967296")
    long maxUncompressedBytes();

    /** The {@code s3} store. */
    S3 s3();

    enum Kind { FILE, S3 }

    /** See {@link S3Settings} for what each key means. */
    interface S3 {
        /** The bucket, which must exist; required when {@code store=s3}. */
        Optional<String> bucket();

        /** Keys are written under {@code prefix/}; default none. */
        Optional<String> prefix();

        /** An S3-compatible server such as {@code http://minio:9000}; default AWS S3 itself. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** {@code true} for most S3-compatible servers (MinIO, Ceph); {@code false} for AWS. */
        @WithDefault("false")
        boolean pathStyle();

        /** With {@code secret-key}; without both, the SDK's default provider chain finds credentials. */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Where artifacts are staged on their way in and out; it must hold the largest one. Default java.io.tmpdir. */
        Optional<String> stagingDir();
    }
}
