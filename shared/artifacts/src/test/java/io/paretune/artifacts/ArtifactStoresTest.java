package io.paretune.artifacts;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactStoresTest {

    @Test
    void theDirectoryIsTheDefaultStore() {
        ArtifactStore store = ArtifactStores.open(config(ArtifactStoreConfig.Kind.FILE, Optional.empty()));

        assertThat(store).isInstanceOf(FileArtifactStore.class);
        assertThat(store.location()).isEqualTo(Path.of("/var/lib/paretune/artifacts").toString());
        assertThat(store.limits().maxUncompressedBytes()).isEqualTo(1 << 20);
    }

    @Test
    void theS3StoreNeedsItsBucket() {
        assertThatThrownBy(() -> ArtifactStores.open(config(ArtifactStoreConfig.Kind.S3, Optional.empty())))
                .hasMessage("paretune.artifacts.store=s3 needs paretune.artifacts.s3.bucket");

        ArtifactStore store = ArtifactStores.open(config(ArtifactStoreConfig.Kind.S3, Optional.of("models")));
        assertThat(store.location()).isEqualTo("s3://models/runs/");
        ((S3ArtifactStore) store).close();
    }

    private static ArtifactStoreConfig config(ArtifactStoreConfig.Kind kind, Optional<String> bucket) {
        ArtifactStoreConfig.S3 s3 = new ArtifactStoreConfig.S3() {
            public Optional<String> bucket() { return bucket; }
            public Optional<String> prefix() { return Optional.of("runs"); }
            public Optional<URI> endpoint() { return Optional.of(URI.create("http://127.0.0.1:9")); }
            public String region() { return "us-east-1"; }
            public boolean pathStyle() { return true; }
            public Optional<String> accessKey() { return Optional.of("a"); }
            public Optional<String> secretKey() { return Optional.of("s"); }
            public Optional<String> stagingDir() { return Optional.empty(); }
        };
        return new ArtifactStoreConfig() {
            public Kind store() { return kind; }
            public String dir() { return "/var/lib/paretune/artifacts"; }
            public long maxUncompressedBytes() { return 1 << 20; }
            public S3 s3() { return s3; }
        };
    }
}
