package io.paretune.artifacts;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The artifact store in an S3-compatible bucket (AWS S3, MinIO, Ceph), so that workers and the evaluator on other
 * machines share no directory. An artifact is written to a local temporary file and uploaded in one PUT once the file
 * is complete: S3 stores a PUT whole or not at all, so a reader never finds half a model, and a worker that dies
 * mid-write leaves nothing behind. Reads download to a local temporary file for the safe loader, after checking the
 * object's size against the limits.
 *
 * <pre>{@code
 * try (S3ArtifactStore store = new S3ArtifactStore(S3ArtifactStore.client(settings), settings, limits, staging)) {
 *     store.writeAtomically(key, tmp -> checkpoint.write(tmp));
 *     Checkpoint resumed = store.read(key, file -> Checkpoint.read(file, store.limits()));
 * }
 * }</pre>
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;
    private final ArtifactLimits limits;
    private final Path tempDir;

    /**
     * @param tempDir where artifacts are staged between the local writer or reader and the bucket; it must hold the
     *                largest artifact
     */
    public S3ArtifactStore(S3Client s3, S3Settings settings, ArtifactLimits limits, Path tempDir) {
        this.s3 = s3;
        this.bucket = settings.bucket();
        this.keyPrefix = settings.keyPrefix();
        this.limits = limits;
        this.tempDir = tempDir;
    }

    /** A client for the settings' endpoint, region and credentials. */
    public static S3Client client(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // The SDK's default trailing checksums (aws-chunked uploads) are refused by several S3-compatible
                // servers; every upload carries a Content-MD5 instead, which all of them verify.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (settings.accessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey().get(), settings.secretKey().orElseThrow())));
        }
        return builder.build();
    }

    @Override
    public ArtifactLimits limits() {
        return limits;
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + keyPrefix;
    }

    @Override
    public void writeAtomically(String key, FileWriter writer) throws IOException {
        String object = objectKey(key);
        Path tmp = Files.createTempFile(tempDir, ".partial-", ".tmp");
        try {
            writer.write(tmp);
            PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(object)
                    .contentLength(Files.size(tmp)).contentMD5(md5(tmp)).build();
            s3.putObject(put, RequestBody.fromFile(tmp));
        } catch (SdkException e) {
            throw failure("upload artifact " + key + " to", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public <T> T read(String key, FileReader<T> reader) throws IOException {
        String object = objectKey(key);
        Path tmp = Files.createTempFile(tempDir, ".download-", ".zip");
        try {
            download(key, object, tmp);
            return reader.read(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public OptionalLong size(String key) throws IOException {
        String object = objectKey(key);
        try {
            Long length = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(object).build())
                    .contentLength();
            return length == null ? OptionalLong.empty() : OptionalLong.of(length);
        } catch (SdkException e) {
            // HEAD has no body, hence no error code: a missing key and a missing bucket are both a bare 404.
            if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw failure("read artifact " + key + " from", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * Copies the object into {@code target}. Its announced size is checked before any of its body is read, and the
     * bytes are counted as they come, so that an object over the limit is never downloaded whole.
     */
    private void download(String key, String object, Path target) throws IOException {
        long max = limits.maxFileBytes();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(
                GetObjectRequest.builder().bucket(bucket).key(object).build())) {
            Long announced = in.response().contentLength();
            if (announced != null && announced > max) {
                in.abort();
                throw tooLarge(key, announced + " bytes");
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[1 << 16];
                long copied = 0;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    copied += n;
                    if (copied > max) {
                        in.abort();
                        throw tooLarge(key, "more bytes than announced");
                    }
                    out.write(buffer, 0, n);
                }
            }
        } catch (NoSuchKeyException e) {
            throw new ArtifactMissingException(key, location());
        } catch (SdkException e) {
            throw failure("read artifact " + key + " from", e);
        }
    }

    private InvalidArtifactException tooLarge(String key, String size) {
        return new InvalidArtifactException("artifact " + key + " has " + size + ", more than the "
                + limits.maxFileBytes() + " allowed; it is not downloaded");
    }

    private String objectKey(String key) {
        String object = keyPrefix + ArtifactKeys.check(key);
        if (object.getBytes(StandardCharsets.UTF_8).length > ArtifactKeys.MAX_KEY_BYTES) {
            throw new ArtifactPathRefusedException("artifact path with the store's prefix is longer than "
                    + ArtifactKeys.MAX_KEY_BYTES + " bytes: " + key);
        }
        return object;
    }

    /** Names the status and S3 error code when the server sent them (AccessDenied, NoSuchBucket...). */
    private ArtifactStoreException failure(String what, SdkException e) {
        String reason = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? "HTTP " + s3.statusCode() + " " + s3.awsErrorDetails().errorCode() : e.getMessage();
        return new ArtifactStoreException("cannot " + what + " " + location() + ": " + reason, e);
    }

    private static String md5(Path file) throws IOException {
        return Base64.getEncoder().encodeToString(FileDigests.digest(file, "MD5"));
    }
}
