package io.paretune.artifacts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every artifact store does, whatever keeps the bytes. */
abstract class ArtifactStoreContractTest {

    /** A store of its own for each test, empty. */
    abstract ArtifactStore store(ArtifactLimits limits) throws IOException;

    ArtifactStore store() throws IOException {
        return store(ArtifactLimits.DEFAULT);
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        ArtifactStore store = store();
        String key = store.modelPath("c-1", "t-2", 3);

        store.writeAtomically(key, file -> Files.writeString(file, "model"));

        assertThat(store.<String>read(key, Files::readString)).isEqualTo("model");
        assertThat(store.size(key)).hasValue(5);
    }

    @Test
    void aSecondWriteReplacesTheFirst() throws IOException {
        ArtifactStore store = store();
        String key = store.checkpointPath("c", "t", 2, 1);

        store.writeAtomically(key, file -> Files.writeString(file, "first, longer"));
        store.writeAtomically(key, file -> Files.writeString(file, "second"));

        assertThat(store.<String>read(key, Files::readString)).isEqualTo("second");
        assertThat(store.size(key)).hasValue(6);
    }

    @Test
    void aMissingArtifactIsNamedWithItsStore() throws IOException {
        ArtifactStore store = store();
        String key = store.modelPath("c", "t", 1);

        assertThatThrownBy(() -> store.read(key, Files::readString)).isInstanceOf(ArtifactMissingException.class)
                .hasMessageContaining(key).hasMessageContaining("not in the artifact store " + store.location());
        assertThat(store.size(key)).isEmpty();
    }

    @Test
    void aFailedWritePublishesNothing() throws IOException {
        ArtifactStore store = store();
        String key = store.modelPath("c", "t", 1);

        assertThatThrownBy(() -> store.writeAtomically(key, file -> {
            Files.writeString(file, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(store.size(key)).isEmpty();
    }

    @Test
    void keysThatLeaveTheStoreAreRefused() throws IOException {
        ArtifactStore store = store();

        for (String key : new String[]{"../etc/passwd", "c/../../x", "/etc/passwd", ""}) {
            assertThatThrownBy(() -> store.writeAtomically(key, file -> Files.writeString(file, "x")))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(key, Files::readString)).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
