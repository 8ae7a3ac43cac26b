package io.paretune.controller.model;

import io.paretune.artifacts.FileArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The controller's read-only view of the artifact store: what it serves and what it refuses, on real files. */
class ModelArtifactsTest {

    @TempDir
    Path dir;

    private Path root() throws IOException {
        return Files.createDirectories(dir.resolve("store"));
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static ScoredModel scored(String path, String sha) {
        return new ScoredModel("c-1", "Quick", "t-1", 3, path, sha);
    }

    @Test
    void servesExactlyTheBytesThatHashToTheScore() throws Exception {
        byte[] bytes = new byte[200_000]; // over several read buffers
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.createDirectories(root().resolve("c-1/t-1")).resolve("model-attempt-1.zip");
        Files.write(file, bytes);
        ModelArtifacts artifacts = new ModelArtifacts(new FileArtifactStore(root()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VerifiedModel model = artifacts.open(scored("c-1/t-1/model-attempt-1.zip", sha256(bytes)))) {
            assertThat(model.size()).isEqualTo(bytes.length);
            assertThat(model.sha256()).isEqualTo(sha256(bytes));
            assertThat(model.fileName()).isEqualTo("quick-trial-3.ptm.zip");
            model.writeTo(out);
        }
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(artifacts.size("c-1/t-1/model-attempt-1.zip")).contains((long) bytes.length);
    }

    @Test
    void aFileWithAnotherHashIsRefused() throws Exception {
        Files.writeString(root().resolve("model.zip"), "tampered");
        ModelArtifacts artifacts = new ModelArtifacts(new FileArtifactStore(root()));
        assertThatThrownBy(() -> artifacts.open(scored("model.zip", sha256("scored".getBytes()))))
                .isInstanceOf(ModelFileRefusedException.class)
                .hasMessageContaining("is not the file the evaluator scored")
                .hasMessageContaining(sha256("tampered".getBytes()));
    }

    @Test
    void pathsLeadingOutOfTheStoreAreRefusedWhateverTheFileHolds() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret.zip"), "outside");
        String sha = sha256("outside".getBytes());
        Files.createSymbolicLink(root().resolve("link.zip"), outside);
        Files.createSymbolicLink(root().resolve("linked-dir"), dir);
        ModelArtifacts artifacts = new ModelArtifacts(new FileArtifactStore(root()));

        for (String path : new String[]{"../secret.zip", "a/../../secret.zip", outside.toString(), "link.zip",
                "linked-dir/secret.zip", ".", ""}) {
            assertThatThrownBy(() -> artifacts.open(scored(path, sha))).as(path)
                    .isInstanceOf(ModelFileRefusedException.class);
            assertThat(artifacts.size(path)).as(path).isEmpty();
        }
    }

    @Test
    void aMissingFileIsGone() throws Exception {
        ModelArtifacts artifacts = new ModelArtifacts(new FileArtifactStore(root()));
        assertThatThrownBy(() -> artifacts.open(scored("c-1/t-1/model-attempt-1.zip", sha256(new byte[0]))))
                .isInstanceOf(ModelFileMissingException.class)
                .hasMessage("the model of trial 3 (c-1/t-1/model-attempt-1.zip) is no longer in the artifact store");
        assertThat(artifacts.size("c-1/t-1/model-attempt-1.zip")).isEmpty();
    }

    @Test
    void theDownloadNameIsTheCampaignNameMadeSafe() {
        assertThat(ScoredModel.fileName("Quick (MLP, int8)", "6ea3c1d2-5b7e", 14))
                .isEqualTo("quick-mlp-int8-trial-14.ptm.zip");
        assertThat(ScoredModel.fileName("../../etc/passwd\"; x=", "6ea3c1d2-5b7e", 0))
                .isEqualTo("etc-passwd-x-trial-0.ptm.zip");
        assertThat(ScoredModel.fileName("ハイパー", "6ea3c1d2-5b7e", 2)).isEqualTo("6ea3c1d2-trial-2.ptm.zip");
        assertThat(ScoredModel.fileName("x".repeat(300), "6ea3c1d2", 1)).hasSize(60 + "-trial-1.ptm.zip".length());
    }
}
