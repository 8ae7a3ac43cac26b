package io.paretune.contract.trial;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactPathsTest {

    @Test
    void segmentsAndAttemptsHaveFilesOfTheirOwn() {
        assertThat(ArtifactPaths.model("c", "t", 0, 2)).isEqualTo("c/t/model-attempt-2.zip");
        assertThat(ArtifactPaths.model("c", "t", 1, 2)).isEqualTo("c/t/model-segment-1-attempt-2.zip");
        assertThat(ArtifactPaths.checkpoint("c", "t", 3, 1)).isEqualTo("c/t/checkpoint-epoch-3-attempt-1.zip");
    }

    @Test
    void idsThatWouldLeaveTheTrialsDirectoryAreRefused() {
        assertThatThrownBy(() -> ArtifactPaths.model("..", "t", 0, 1)).hasMessageContaining("unsafe id");
        assertThatThrownBy(() -> ArtifactPaths.checkpoint("c/d", "t", 1, 1)).hasMessageContaining("unsafe id");
        assertThatThrownBy(() -> ArtifactPaths.model("c", null, 0, 1)).hasMessageContaining("unsafe id");
    }

    @Test
    void aResumePathIsACheckpointOfThatTrialAfterThatEpoch() {
        assertThat(ArtifactPaths.isCheckpoint("c/t/checkpoint-epoch-2-attempt-3.zip", "c", "t", 2)).isTrue();
        assertThat(ArtifactPaths.isCheckpoint("other/t/checkpoint-epoch-2-attempt-3.zip", "c", "t", 2)).isFalse();
        assertThat(ArtifactPaths.isCheckpoint("c/t/checkpoint-epoch-1-attempt-3.zip", "c", "t", 2)).isFalse();
        assertThat(ArtifactPaths.isCheckpoint("c/t/checkpoint-epoch-2-attempt-0.zip", "c", "t", 2)).isFalse();
        assertThat(ArtifactPaths.isCheckpoint("c/t/checkpoint-epoch-2-attempt-1/../../x.zip", "c", "t", 2)).isFalse();
        assertThat(ArtifactPaths.isCheckpoint("c/t/model-attempt-1.zip", "c", "t", 2)).isFalse();
        assertThat(ArtifactPaths.isCheckpoint(null, "c", "t", 2)).isFalse();
        assertThat(ArtifactPaths.isCheckpoint("../t/checkpoint-epoch-2-attempt-1.zip", "..", "t", 2)).isFalse();
    }
}
