package io.paretune.contract.messaging;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    private static final DatasetSpec DATASET = new DatasetSpec("fashion-mnist", 0.1, 5000, 42L);
    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

    private static TrialJob job() {
        return new TrialJob(1, "c1", "t1", 0, "mlp", Map.of("units", 128L, "learningRate", 0.001, "activation", "relu",
                "batchNorm", true), DATASET, 5, 2, 99L, AT);
    }

    @Test
    void trialJobRoundTripsWithTypedParameterValues() {
        TrialJob back = Json.read(Json.write(job()), TrialJob.class);

        assertThat(back.campaignId()).isEqualTo("c1");
        assertThat(back.dataset()).isEqualTo(DATASET);
        assertThat(back.createdAt()).isEqualTo(AT);
        assertThat(((Number) back.params().get("units")).longValue()).isEqualTo(128L);
        assertThat(back.params().get("learningRate")).isEqualTo(0.001);
        assertThat(back.params().get("activation")).isEqualTo("relu");
        assertThat(back.params().get("batchNorm")).isEqualTo(true);
    }

    @Test
    void everyMessageRoundTrips() {
        TrialProgress progress = new TrialProgress(1, "c1", "t1", 2, "w1", TrialProgress.Phase.EPOCH, 3, 0.5, 0.8, 0.6,
                0.78, 2.5, 20_000, AT);
        TrialResult result = new TrialResult(1, "c1", "t1", 2, "w1", TrialResult.Outcome.TRAINED, null,
                "c1/t1/model-attempt-2.zip", "mlp", Map.of("units", 64L), DATASET, 99L, 3, 2, true, 7.5, 0.41, 0.86,
                55_050, "cpu", AT);
        TrialScore score = new TrialScore(1, "c1", "t1", 2, "e1", TrialScore.Outcome.SCORED, null,
                Map.of("val_accuracy", 0.86, "latency_ms_p50", 0.12), "Xeon x2", AT);

        assertThat(Json.read(Json.write(progress), TrialProgress.class)).isEqualTo(progress);
        assertThat(Json.read(Json.write(result), TrialResult.class)).isEqualTo(result);
        assertThat(Json.read(Json.write(score), TrialScore.class)).isEqualTo(score);
    }

    @Test
    void aSegmentJobRoundTrips() {
        TrialJob fresh = job();
        TrialJob segment = new TrialJob(1, "c1", "t1", 0, "mlp", fresh.params(), DATASET, 5, 2, 99L, AT, 1, 3,
                "c1/t1/checkpoint-epoch-1-attempt-1.zip", 1);

        TrialJob back = Json.read(Json.write(segment), TrialJob.class);

        assertThat(back).isEqualTo(segment);
        assertThat(back.resumes()).isTrue();
        assertThat(fresh.resumes()).isFalse();
        assertThat(fresh.startEpoch()).isZero();
        assertThat(fresh.stopEpoch()).isEqualTo(5);
        assertThat(fresh.segment()).isZero();
    }

    @Test
    void messagesWithoutSegmentFieldsReadAsOneFreshSegment() {
        String job = Json.writeString(job()).replaceAll(",\"(startEpoch|stopEpoch|resumeFrom|segment|attempt)\":[^,}]+", "");
        assertThat(job).doesNotContain("stopEpoch").doesNotContain("segment").doesNotContain("attempt");
        TrialJob back = Json.read(job.getBytes(StandardCharsets.UTF_8), TrialJob.class);
        assertThat(back.startEpoch()).isZero();
        assertThat(back.stopEpoch()).as("an old job trains to maxEpochs").isEqualTo(5);
        assertThat(back.resumeFrom()).isNull();
        assertThat(back.segment()).isZero();
        assertThat(back.attempt()).as("an old job is a first dispatch").isEqualTo(1);
        assertThat(back).isEqualTo(job());

        TrialProgress progress = new TrialProgress(1, "c1", "t1", 1, "w1", TrialProgress.Phase.EPOCH, 1, 0.5, 0.8,
                0.6, 0.78, 2.5, 20_000, AT);
        String oldProgress = Json.writeString(progress).replaceAll(",\"segment\":0", "");
        assertThat(oldProgress).doesNotContain("segment");
        assertThat(Json.read(oldProgress.getBytes(StandardCharsets.UTF_8), TrialProgress.class).segment()).isZero();

        TrialResult result = new TrialResult(1, "c1", "t1", 1, "w1", TrialResult.Outcome.TRAINED, null, "m.zip",
                "mlp", Map.of(), DATASET, 99L, 3, 2, false, 7.5, 0.41, 0.86, 55_050, "cpu", AT);
        String oldResult = Json.writeString(result).replaceAll(",\"(segment|checkpointPath|lastValLoss|lastValAccuracy)\":[^,}]+", "");
        assertThat(oldResult).doesNotContain("segment").doesNotContain("lastVal");
        assertThat(Json.read(oldResult.getBytes(StandardCharsets.UTF_8), TrialResult.class)).isEqualTo(result);
    }

    @Test
    void checkpointedResultRoundTrips() {
        TrialResult checkpointed = new TrialResult(1, "c1", "t1", 1, "w1", TrialResult.Outcome.CHECKPOINTED, null,
                null, "mlp", Map.of("units", 64L), DATASET, 99L, 3, 2, false, 7.5, 0.41, 0.86, 55_050, "cpu", AT, 2,
                "c1/t1/checkpoint-epoch-3-attempt-1.zip", 0.45, 0.85);

        TrialResult back = Json.read(Json.write(checkpointed), TrialResult.class);

        assertThat(back).isEqualTo(checkpointed);
        assertThat(back.segment()).isEqualTo(2);
        assertThat(back.lastValAccuracy()).isEqualTo(0.85);
    }

    @Test
    void unknownFieldsFromANewerProducerAreTolerated() {
        String json = Json.writeString(job()).replaceFirst("\\{", "{\"addedLater\":1,");
        assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), TrialJob.class).trialId()).isEqualTo("t1");
    }

    @Test
    void garbageIsMalformed() {
        assertThatThrownBy(() -> Json.read("not json".getBytes(StandardCharsets.UTF_8), TrialJob.class))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unreadable TrialJob");
        assertThatThrownBy(() -> Json.read(new byte[0], TrialJob.class))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Json.read("null".getBytes(StandardCharsets.UTF_8), TrialJob.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void unknownSchemaVersionIsMalformed() {
        String json = Json.writeString(job()).replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> Json.read(json.getBytes(StandardCharsets.UTF_8), TrialJob.class))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("schemaVersion 2");
    }

    @Test
    void missingIdsAreMalformed() {
        String json = Json.writeString(job()).replace("\"trialId\":\"t1\",", "");
        assertThatThrownBy(() -> Json.read(json.getBytes(StandardCharsets.UTF_8), TrialJob.class))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("without campaignId or trialId");
    }

    @Test
    void missingSchemaVersionIsMalformed() {
        String json = Json.writeString(job()).replace("\"schemaVersion\":1,", "");
        assertThatThrownBy(() -> Json.read(json.getBytes(StandardCharsets.UTF_8), TrialJob.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void campaignControlRoundTripsWithoutATrialId() {
        CampaignControl cancelled = CampaignControl.cancelled("c1", AT);

        String json = Json.writeString(cancelled);

        assertThat(json).doesNotContain("trialId");
        assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), CampaignControl.class)).isEqualTo(cancelled);
    }

    @Test
    void campaignControlWithoutCampaignOrWithAnUnknownActionIsMalformed() {
        String json = Json.writeString(CampaignControl.cancelled("c1", AT));
        String noCampaign = json.replace("\"campaignId\":\"c1\",", "");
        String noAction = json.replace("\"action\":\"CANCELLED\",", "");
        String unknownAction = json.replace("CANCELLED", "PAUSED");

        assertThatThrownBy(() -> Json.read(noCampaign.getBytes(StandardCharsets.UTF_8), CampaignControl.class))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("without campaignId");
        for (String bad : List.of(noAction, unknownAction)) {
            assertThatThrownBy(() -> Json.read(bad.getBytes(StandardCharsets.UTF_8), CampaignControl.class))
                    .as(bad).isInstanceOf(MalformedMessageException.class);
        }
    }
}
