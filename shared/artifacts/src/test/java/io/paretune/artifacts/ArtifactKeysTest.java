package io.paretune.artifacts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactKeysTest {

    @Test
    void acceptsTheKeysArtifactPathsDerives() {
        assertThat(ArtifactKeys.check("c-1/t-2/model-attempt-3.zip")).isEqualTo("c-1/t-2/model-attempt-3.zip");
    }

    @Test
    void refusesKeysThatCouldLeaveTheStore() {
        assertThatThrownBy(() -> ArtifactKeys.check(null)).hasMessage("empty artifact path");
        assertThatThrownBy(() -> ArtifactKeys.check(" ")).hasMessage("empty artifact path");
        assertThatThrownBy(() -> ArtifactKeys.check("/c/t/m.zip")).hasMessageContaining("must be relative");
        assertThatThrownBy(() -> ArtifactKeys.check("../c/t/m.zip")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> ArtifactKeys.check("c/../../m.zip")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> ArtifactKeys.check("c/./t/m.zip")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> ArtifactKeys.check("c//m.zip")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> ArtifactKeys.check("c/t/")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> ArtifactKeys.check("c\\..\\m.zip")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> ArtifactKeys.check("c/t\n/m.zip")).hasMessageContaining("control character");
        assertThatThrownBy(() -> ArtifactKeys.check("c/" + "x".repeat(1100))).hasMessageContaining("longer than");
    }
}
