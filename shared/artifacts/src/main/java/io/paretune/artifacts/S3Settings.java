package io.paretune.artifacts;

import java.net.URI;
import java.util.Optional;

/**
 * Where an {@link S3ArtifactStore} keeps its artifacts and how it signs in. Without keys, the SDK's default provider
 * chain finds credentials (environment, profile, container or instance role).
 *
 * <pre>{@code
 * S3Settings minio = new S3Settings("paretune", "artifacts", Optional.of(URI.create("http://minio:9000")),
 *         "us-east-1", true, Optional.of("paretune"), Optional.of(secret));
 * }</pre>
 *
 * @param bucket    the bucket, which must exist
 * @param prefix    keys are written under {@code prefix/}; empty for the bucket's root
 * @param endpoint  an S3-compatible server (MinIO, Ceph); empty for AWS itself
 * @param region    the signing region (S3-compatible servers usually accept any, e.g. {@code us-east-1})
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}, as most S3-compatible
 *                  servers need
 * @param accessKey with {@code secretKey}, static credentials; both empty for the default provider chain
 * @param secretKey see {@code accessKey}
 */
public record S3Settings(String bucket, String prefix, Optional<URI> endpoint, String region, boolean pathStyle,
                         Optional<String> accessKey, Optional<String> secretKey) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("the S3 artifact store needs a bucket");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("the S3 artifact store needs a region");
        }
        prefix = prefix == null ? "" : stripSlashes(prefix);
        if (!prefix.isEmpty()) {
            ArtifactKeys.check(prefix);
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("the S3 artifact store needs both an access key and a secret key, "
                    + "or neither (the default credentials provider chain)");
        }
    }

    /** The prefix of every object key, with its trailing slash; empty when there is none. */
    String keyPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    @Override
    public String toString() { // keeps the secret out of logs
        return "S3Settings[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint.map(URI::toString)
                .orElse("aws") + ", region=" + region + ", pathStyle=" + pathStyle + ", credentials="
                + (accessKey.isPresent() ? "static" : "default chain") + "]";
    }

    private static String stripSlashes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '/') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '/') {
            end--;
        }
        return value.substring(start, end);
    }
}
