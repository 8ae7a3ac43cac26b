package io.paretune.ml.model;

import io.paretune.ml.artifact.ArtifactLimits;
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
