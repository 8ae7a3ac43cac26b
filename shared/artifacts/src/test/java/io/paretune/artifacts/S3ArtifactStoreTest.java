package io.paretune.artifacts;

import io.paretune.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 store against a real S3 server (s3proxy over an in-memory blob store) on a loopback port of its own. */
class S3ArtifactStoreTest extends ArtifactStoreContractTest {

    private static final String BUCKET = "paretune-artifacts";
    private static final String ACCESS_KEY = S3TestServer.ACCESS_KEY;
    private static final String SECRET_KEY = S3TestServer.SECRET_KEY;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static S3TestServer server;
    private static S3Client admin;

    @TempDir
    Path tempDir;

    private final List<S3ArtifactStore> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start(BUCKET);
        admin = S3ArtifactStore.client(settings("", SECRET_KEY));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3ArtifactStore::close);
    }

    @Override
    ArtifactStore store(ArtifactLimits limits) {
        return open("runs/" + PREFIXES.incrementAndGet(), SECRET_KEY, limits);
    }

    private S3ArtifactStore open(String prefix, String secretKey, ArtifactLimits limits) {
        S3Settings settings = settings(prefix, secretKey);
        S3ArtifactStore store = new S3ArtifactStore(S3ArtifactStore.client(settings), settings, limits, tempDir);
        opened.add(store);
        return store;
    }

    private static S3Settings settings(String prefix, String secretKey) {
        return new S3Settings(BUCKET, prefix, Optional.of(server.endpoint()),
                "us-east-1", true, Optional.of(ACCESS_KEY), Optional.of(secretKey));
    }

    private static List<String> objectsUnder(String prefix) {
        return admin.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
                .toList();
    }

    @Test
    void writesOneObjectUnderThePrefixAndNoStagingFile() throws IOException {
        S3ArtifactStore store = open("/cluster-a/artifacts/", SECRET_KEY, ArtifactLimits.DEFAULT);

        store.writeAtomically("c/t/model-attempt-1.zip", file -> Files.writeString(file, "model"));

        assertThat(store.location()).isEqualTo("s3://" + BUCKET + "/cluster-a/artifacts/");
        assertThat(objectsUnder("cluster-a/")).containsExactly("cluster-a/artifacts/c/t/model-attempt-1.zip");
        assertThat(admin.getObjectAsBytes(b -> b.bucket(BUCKET).key("cluster-a/artifacts/c/t/model-attempt-1.zip"))
                .asUtf8String()).isEqualTo("model");
        try (var staged = Files.list(tempDir)) {
            assertThat(staged).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void aFailedWriteUploadsNothing() throws IOException {
        S3ArtifactStore store = open("failed-write", SECRET_KEY, ArtifactLimits.DEFAULT);

        assertThatThrownBy(() -> store.writeAtomically("c/t/model-attempt-1.zip", file -> {
            Files.writeString(file, "half");
            throw new IOException("out of memory");
        })).hasMessage("out of memory");

        assertThat(objectsUnder("failed-write/")).isEmpty();
        try (var staged = Files.list(tempDir)) {
            assertThat(staged).isEmpty();
        }
    }

    @Test
    void refusesAnObjectOverTheLimitBeforeDownloadingIt() throws IOException {
        S3ArtifactStore store = open("large", SECRET_KEY, ArtifactLimits.DEFAULT.withMaxFileBytes(1024));
        admin.putObject(b -> b.bucket(BUCKET).key("large/c/t/model-attempt-1.zip"),
                RequestBody.fromBytes(new byte[1 << 20]));
        AtomicBoolean readerCalled = new AtomicBoolean();

        assertThatThrownBy(() -> store.read("c/t/model-attempt-1.zip", file -> {
            readerCalled.set(true);
            return null;
        })).isInstanceOf(InvalidArtifactException.class).hasMessage("artifact c/t/model-attempt-1.zip has 1048576 "
                + "bytes, more than the 1024 allowed; it is not downloaded");

        assertThat(readerCalled).isFalse();
        try (var staged = Files.list(tempDir)) {
            assertThat(staged).isEmpty();
        }
    }

    @Test
    void anUnreadableObjectSaysWhy() {
        S3ArtifactStore store = open("denied", "not-the-secret", ArtifactLimits.DEFAULT);

        assertThatThrownBy(() -> store.read("c/t/model-attempt-1.zip", Files::readString))
                .isInstanceOf(ArtifactStoreException.class)
                .hasMessageStartingWith("cannot read artifact c/t/model-attempt-1.zip from s3://" + BUCKET
                        + "/denied/: HTTP 403 ");
        assertThatThrownBy(() -> store.writeAtomically("c/t/model-attempt-1.zip", file -> Files.writeString(file, "x")))
                .isInstanceOf(ArtifactStoreException.class).hasMessageStartingWith("cannot upload artifact c/t/model-attempt-1.zip to s3://" + BUCKET
                        + "/denied/: HTTP 403 ");
    }

    @Test
    void aMissingBucketSaysSo() {
        S3Settings settings = new S3Settings("no-such-bucket", "", settings("", SECRET_KEY).endpoint(), "us-east-1",
                true, Optional.of(ACCESS_KEY), Optional.of(SECRET_KEY));
        S3ArtifactStore store = new S3ArtifactStore(S3ArtifactStore.client(settings), settings,
                ArtifactLimits.DEFAULT, tempDir);
        opened.add(store);

        assertThatThrownBy(() -> store.read("c/t/model-attempt-1.zip", Files::readString))
                .hasMessage("cannot read artifact c/t/model-attempt-1.zip from s3://no-such-bucket/: "
                        + "HTTP 404 NoSuchBucket");
    }

    @Test
    void settingsRefuseHalfTheCredentialsAndAPrefixThatEscapes() {
        assertThatThrownBy(() -> new S3Settings(BUCKET, "", Optional.empty(), "us-east-1", true,
                Optional.of(ACCESS_KEY), Optional.empty())).hasMessageContaining("both an access key and a secret");
        assertThatThrownBy(() -> new S3Settings(BUCKET, "a/../b", Optional.empty(), "us-east-1", true,
                Optional.empty(), Optional.empty())).hasMessageContaining("escapes");
        assertThat(settings("p", SECRET_KEY).toString()).doesNotContain(SECRET_KEY);
    }
}
