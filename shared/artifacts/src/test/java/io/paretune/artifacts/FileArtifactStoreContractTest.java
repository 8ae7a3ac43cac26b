package io.paretune.artifacts;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileArtifactStoreContractTest extends ArtifactStoreContractTest {

    @TempDir
    Path root;

    @Override
    ArtifactStore store(ArtifactLimits limits) {
        return new FileArtifactStore(root, limits);
    }
}
