package io.paretune.controller.model;

import io.paretune.artifacts.ArtifactLimits;
import io.paretune.artifacts.S3ArtifactStore;
import io.paretune.artifacts.S3Settings;
import io.paretune.testing.S3TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Downloads served from S3-compatible object storage (a real S3 server on loopback): the bytes that hash to the score,
 * nothing left behind in the staging directory, and each way a fetch can fail told apart.
 */
class S3ModelArtifactsTest {

    private static final String KEY = "c-1/t-1/model-attempt-1.zip";

    @TempDir
    Path staging;

    private S3TestServer server;
    private S3ArtifactStore store;

    @BeforeEach
    void start() throws Exception {
        server = S3TestServer.start("models");
        store = storeAt(server.endpoint());
    }

    private S3ArtifactStore storeAt(URI endpoint) {
        S3Settings settings = new S3Settings("models", "cluster", Optional.of(endpoint), "us-east-1", true,
                Optional.of(S3TestServer.ACCESS_KEY), Optional.of(S3TestServer.SECRET_KEY));
        return new S3ArtifactStore(S3ArtifactStore.client(settings), settings, ArtifactLimits.DEFAULT, staging);
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        server.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static ScoredModel scored(String key, String sha) {
        return new ScoredModel("c-1", "Quick", "t-1", 3, key, sha);
    }

    @Test
    void servesTheScoredBytesFromTheBucketAndKeepsNoCopy() throws Exception {
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 17);
        }
        store.writeAtomically(KEY, file -> Files.write(file, bytes));
        ModelArtifacts artifacts = new ModelArtifacts(store);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VerifiedModel model = artifacts.open(scored(KEY, sha256(bytes)))) {
            assertThat(model.sha256()).isEqualTo(sha256(bytes));
            model.writeTo(out);
        }
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(artifacts.size(KEY)).contains((long) bytes.length);
        assertThat(server.keys("cluster/")).containsExactly("cluster/" + KEY);
        try (var left = Files.list(staging)) {
            assertThat(left).as("staged copies").isEmpty();
        }
    }

    @Test
    void anObjectThatIsNotTheScoredOneIsRefused() throws Exception {
        store.writeAtomically(KEY, file -> Files.writeString(file, "replaced"));
        ModelArtifacts artifacts = new ModelArtifacts(store);

        assertThatThrownBy(() -> artifacts.open(scored(KEY, sha256("scored".getBytes()))))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining(sha256("replaced".getBytes()));
    }

    @Test
    void aMissingObjectIsGoneAndAKeyOutsideTheCampaignsIsRefused() throws Exception {
        ModelArtifacts artifacts = new ModelArtifacts(store);

        assertThatThrownBy(() -> artifacts.open(scored(KEY, sha256(new byte[0]))))
                .isInstanceOf(ModelFileMissingException.class);
        assertThat(artifacts.size(KEY)).isEmpty();
        for (String key : new String[]{"../other/" + KEY, "/" + KEY, "c-1/./t-1/m.zip"}) {
            assertThatThrownBy(() -> artifacts.open(scored(key, sha256(new byte[0])))).as(key)
                    .isInstanceOf(ModelFileRefusedException.class).hasMessageContaining("leads out");
        }
    }

    @Test
    void anUnreachableStoreIsUnavailableNotGone() throws Exception {
        server.close();
        ModelArtifacts artifacts = new ModelArtifacts(store);

        assertThatThrownBy(() -> artifacts.open(scored(KEY, sha256(new byte[0]))))
                .isInstanceOf(ModelStoreUnavailableException.class)
                .hasMessageContaining("s3://models/cluster/");
        assertThat(artifacts.size(KEY)).isEmpty();
    }
}
