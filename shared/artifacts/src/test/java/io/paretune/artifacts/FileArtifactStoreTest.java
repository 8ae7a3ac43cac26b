package io.paretune.artifacts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileArtifactStoreTest {

    @TempDir
    Path root;

    @Test
    void writesAtomicallyUnderTheRoot() throws IOException {
        FileArtifactStore store = new FileArtifactStore(root);
        String relative = store.modelPath("c-1", "t-2", 3);

        store.writeAtomically(relative, file -> Files.writeString(file, "model"));
        Path written = store.resolve(relative);

        assertThat(relative).isEqualTo("c-1/t-2/model-attempt-3.zip");
        assertThat(written).isEqualTo(root.resolve(relative));
        assertThat(Files.readString(written)).isEqualTo("model");
        try (var files = Files.list(written.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(written);
        }
    }

    @Test
    void segmentsAndCheckpointsHaveNamesOfTheirOwn() {
        FileArtifactStore store = new FileArtifactStore(root);

        assertThat(store.modelPath("c", "t", 0, 2)).isEqualTo(store.modelPath("c", "t", 2));
        assertThat(store.modelPath("c", "t", 1, 2)).isEqualTo("c/t/model-segment-1-attempt-2.zip");
        assertThat(store.checkpointPath("c", "t", 3, 1)).isEqualTo("c/t/checkpoint-epoch-3-attempt-1.zip");
        assertThatThrownBy(() -> store.checkpointPath("c", "..", 3, 1)).hasMessageContaining("unsafe id");
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        FileArtifactStore store = new FileArtifactStore(root);
        String relative = store.modelPath("c", "t", 1);

        assertThatThrownBy(() -> store.writeAtomically(relative, file -> {
            Files.writeString(file, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        try (var files = Files.list(root.resolve("c/t"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesPathsThatEscapeTheStore() {
        FileArtifactStore store = new FileArtifactStore(root);

        assertThatThrownBy(() -> store.resolve("../etc/passwd")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> store.resolve("c/../../x")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> store.resolve("/etc/passwd")).hasMessageContaining("relative");
        assertThatThrownBy(() -> store.resolve("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> store.modelPath("..", "t", 1)).hasMessageContaining("unsafe id");
        assertThatThrownBy(() -> store.modelPath("c/d", "t", 1)).hasMessageContaining("unsafe id");
        assertThat(store.resolve("c/./t/m.zip")).isEqualTo(root.resolve("c/t/m.zip"));
    }

    @Test
    void refusesALinkThatLeadsOutOfTheStore(@TempDir Path outside) throws IOException {
        FileArtifactStore store = new FileArtifactStore(root.resolve("store"));
        Files.createDirectories(store.root().resolve("c"));
        Files.writeString(outside.resolve("secret.zip"), "another campaign's model");
        Files.createSymbolicLink(store.root().resolve("c/model-attempt-1.zip"), outside.resolve("secret.zip"));
        Files.createSymbolicLink(store.root().resolve("linked"), outside);

        assertThatThrownBy(() -> store.resolve("c/model-attempt-1.zip")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("artifact path passes through a symbolic link: c/model-attempt-1.zip");
        assertThatThrownBy(() -> store.resolve("linked/secret.zip"))
                .hasMessage("artifact path passes through a symbolic link: linked/secret.zip");
        assertThatThrownBy(() -> store.writeAtomically("linked/t/model.zip", file -> Files.writeString(file, "x")))
                .hasMessage("artifact path passes through a symbolic link: linked/t/model.zip");
        assertThat(outside.resolve("t")).doesNotExist();
    }

    @Test
    void aStoreWhoseRootIsALinkStillResolves(@TempDir Path real) throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("artifacts"), real);
        FileArtifactStore store = new FileArtifactStore(link);

        store.writeAtomically("c/t/model.zip", file -> Files.writeString(file, "model"));

        assertThat(store.resolve("c/t/model.zip")).isEqualTo(link.toAbsolutePath().resolve("c/t/model.zip"));
        assertThat(real.resolve("c/t/model.zip")).hasContent("model");
    }
}
