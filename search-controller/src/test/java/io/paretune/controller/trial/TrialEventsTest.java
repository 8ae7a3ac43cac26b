package io.paretune.controller.trial;

import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.messaging.InconsistentMessageException;
import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.rest.CampaignViews;
import io.paretune.controller.testing.Messages;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.paretune.controller.trial.TrialEvents.Handling.APPLIED;
import static io.paretune.controller.trial.TrialEvents.Handling.IGNORED;
import static io.paretune.controller.trial.TrialEvents.Handling.UNKNOWN_TRIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The tell rules, on the real database, without the broker in the way: the test hands messages to the service as
 * the consumer would (on H2 here, on PostgreSQL in {@link PostgresTrialEventsTest}).
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class TrialEventsTest {

    @Inject
    CampaignService campaigns;
    @Inject
    TrialEvents trials;
    @Inject
    CampaignViews views;

    /** Submits a campaign and waits until the reconcile loop has proposed its trials. */
    private String campaign(int maxTrials, int maxParallel) {
        String id = campaigns.submit(Specs.valid(maxTrials, maxParallel), "test").id;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> views.trials(id, 0, 1000).items().size() == Math.min(maxTrials, maxParallel));
        return id;
    }

    private Messages about(String campaignId, int number) {
        return new Messages(campaignId, trial(campaignId, number).id());
    }

    private TrialView trial(String campaignId, int number) {
        return views.trials(campaignId, 0, 1000).items().stream().filter(t -> t.number() == number).findFirst()
                .orElseThrow();
    }

    @Test
    void progressStartsTheTrialAndTheHighestAttemptOwnsIt() {
        String id = campaign(1, 1);
        Messages m = about(id, 0);
        assertThat(trial(id, 0).state()).isEqualTo(TrialState.WAITING);

        assertThat(trials.onProgress(m.started(1, "worker-a"))).isEqualTo(APPLIED);
        TrialView t = trial(id, 0);
        assertThat(t.state()).isEqualTo(TrialState.RUNNING);
        assertThat(t.attempt()).isEqualTo(1);
        assertThat(t.workerId()).isEqualTo("worker-a");
        assertThat(t.startedAt()).isNotNull();
        assertThat(t.lastHeartbeatAt()).isNotNull();

        trials.onProgress(m.started(2, "worker-b"));
        TrialView second = trial(id, 0);
        assertThatThrownBy(() -> trials.onProgress(m.progress(TrialProgress.Phase.HEARTBEAT, 1, "worker-a", 0, null)))
                .as("a late heartbeat of attempt 1 does not keep the trial alive")
                .isInstanceOf(InconsistentMessageException.class).hasMessageContaining("attempt 1 is no longer running");
        t = trial(id, 0);
        assertThat(t).isEqualTo(second);
        assertThat(t.attempt()).isEqualTo(2);
        assertThat(t.workerId()).isEqualTo("worker-b");
    }

    @Test
    void epochsAreUpsertedAndHistoryShowsTheLatestAttempt() {
        String id = campaign(1, 1);
        Messages m = about(id, 0);
        trials.onProgress(m.started(1, "worker-a"));
        trials.onProgress(m.epoch(1, "worker-a", 1, 0.50));
        trials.onProgress(m.epoch(1, "worker-a", 1, 0.55)); // redelivered, newer figures
        trials.onProgress(m.epoch(1, "worker-a", 2, 0.60));
        assertThat(trial(id, 0).history()).extracting(TrialView.EpochView::valAccuracy).containsExactly(0.55, 0.60);

        trials.onProgress(m.started(2, "worker-b"));
        trials.onProgress(m.epoch(2, "worker-b", 1, 0.52));
        TrialView t = trial(id, 0);
        assertThat(t.history()).singleElement().satisfies(e -> {
            assertThat(e.epoch()).isEqualTo(1);
            assertThat(e.valAccuracy()).isEqualTo(0.52);
            assertThat(e.workerId()).isEqualTo("worker-b");
        });
    }

    @Test
    void firstTrainingResultWinsAndTheTrialWaitsForItsScore() {
        String id = campaign(1, 1);
        Messages m = about(id, 0);
        trials.onProgress(m.started(1, "worker-a"));
        assertThat(trials.onResult(m.trained(1, "worker-a"))).isEqualTo(APPLIED);
        assertThat(trials.onResult(m.trained(1, "worker-a"))).isEqualTo(IGNORED);
        TrialView t = trial(id, 0);
        assertThat(t.state()).isEqualTo(TrialState.RUNNING);
        assertThat(t.artifactPath()).isEqualTo(id + "/" + m.trialId() + "/model-attempt-1.zip");
        assertThat(t.epochsTrained()).isEqualTo(2);
        assertThat(t.trainSeconds()).isEqualTo(4.5);
        assertThat(t.backend()).isEqualTo("CpuBackend");
    }

    @Test
    void scoresCompleteOnceAndTheBestIsTheHighestWithTiesToTheLowerNumber() {
        String id = campaign(3, 3);
        Messages t0 = about(id, 0);
        Messages t1 = about(id, 1);
        Messages t2 = about(id, 2);
        List.of(t0, t1, t2).forEach(this::train);

        assertThat(trials.onScore(t2.scored(0.80))).isEqualTo(APPLIED);
        assertThat(best(id).number()).isEqualTo(2);
        trials.onScore(t0.scored(0.80));
        assertThat(best(id).number()).as("a tie goes to the lower number").isZero();
        trials.onScore(t1.scored(0.70));
        assertThat(trials.onScore(t1.scored(0.99))).as("a finished trial never changes").isEqualTo(IGNORED);

        CampaignDetail detail = views.detail(id);
        assertThat(detail.best().number()).isZero();
        assertThat(detail.best().metrics()).containsEntry("val_accuracy", 0.80);
        assertThat(detail.best().primaryValue()).isEqualTo(0.80);
        assertThat(trial(id, 1).metrics()).containsEntry("val_accuracy", 0.70);
        assertThat(trial(id, 1).hardware()).isEqualTo("test hardware");
        assertThat(detail.state().name()).isEqualTo("COMPLETED");
        assertThat(detail.trialCounts()).containsEntry("COMPLETE", 3L).containsEntry("WAITING", 0L);
    }

    @Test
    void completeNeedsAValueForEveryObjective() {
        String id = campaign(1, 1);
        Messages m = about(id, 0);
        train(m);
        assertThat(trials.onScore(m.scored(Map.of("val_accuracy", 0.9)))).isEqualTo(APPLIED);
        TrialView t = trial(id, 0);
        assertThat(t.state()).isEqualTo(TrialState.FAIL);
        assertThat(t.failureReason()).contains("latency_ms_p50");
        assertThat(views.detail(id).best()).isNull();
        assertThat(views.detail(id).state().name()).isEqualTo("FAILED");
    }

    @Test
    void failedTrialIsNeverRevivedByLaterMessages() {
        String id = campaign(2, 2);
        Messages m = about(id, 0);
        trials.onProgress(m.started(1, "worker-a"));
        assertThat(trials.onResult(m.failed(1, "worker-a", "loss diverged (NaN) at epoch 2"))).isEqualTo(APPLIED);
        assertThatThrownBy(() -> trials.onScore(m.scored(0.9))).as("no model was trained")
                .isInstanceOf(InconsistentMessageException.class);
        trials.onProgress(m.started(2, "worker-b"));
        trials.onProgress(m.epoch(2, "worker-b", 1, 0.4));
        trials.onResult(m.trained(2, "worker-b"));
        TrialView t = trial(id, 0);
        assertThat(t.state()).isEqualTo(TrialState.FAIL);
        assertThat(t.failureReason()).isEqualTo("loss diverged (NaN) at epoch 2");
        assertThat(t.metrics()).isNull();
        assertThat(t.attempt()).as("what came later is recorded").isEqualTo(2);
        assertThat(t.history()).hasSize(1);

        Messages other = about(id, 1);
        train(other);
        trials.onScore(other.scoreFailed("model file unreadable"));
        assertThat(trial(id, 1).failureReason()).isEqualTo("scoring failed: model file unreadable");
        assertThat(views.detail(id).state().name()).isEqualTo("FAILED");
        assertThat(views.detail(id).reason()).isEqualTo("no trial completed: 2 failed, 0 pruned of 2");
    }

    @Test
    void messagesForUnknownTrialsAreSkipped() {
        String id = campaign(1, 1);
        Messages stranger = new Messages(id, UUID.randomUUID().toString());
        assertThat(trials.onProgress(stranger.started(1, "w"))).isEqualTo(UNKNOWN_TRIAL);
        assertThat(trials.onScore(stranger.scored(0.5))).isEqualTo(UNKNOWN_TRIAL);
        Messages wrongCampaign = new Messages(UUID.randomUUID().toString(), trial(id, 0).id());
        assertThat(trials.onResult(wrongCampaign.trained(1, "w", "x.zip"))).isEqualTo(UNKNOWN_TRIAL);
        assertThat(views.trials(id, 0, 1000).items()).extracting(TrialView::state).containsExactly(TrialState.WAITING);
    }

    /**
     * Each forged message is refused with its reason, and the trial, its history and its intermediate values stay
     * as they were: the transaction that read it is rolled back.
     */
    @Test
    void forgedMessagesAreRefusedAndChangeNothing() {
        String id = campaign(1, 1);
        Messages m = about(id, 0);
        trials.onProgress(m.started(1, "worker-a"));
        trials.onProgress(m.started(2, "worker-b"));
        trials.onProgress(m.epoch(2, "worker-b", 1, 0.5));
        TrialView before = trial(id, 0);
        Messages elsewhere = new Messages(UUID.randomUUID().toString(), UUID.randomUUID().toString());

        Map<String, Runnable> forged = new LinkedHashMap<>();
        forged.put("attempt 1 is no longer running", () -> trials.onProgress(
                m.progress(TrialProgress.Phase.HEARTBEAT, 1, "worker-a", 1, null)));
        forged.put("attempt 1000000 of segment 0 was never dispatched", () -> trials.onProgress(
                m.progress(TrialProgress.Phase.HEARTBEAT, 1_000_000, "worker-x", 1, null)));
        forged.put("epoch 3 is outside the trial's epochs 0..2", () -> trials.onProgress(m.epoch(2, "worker-b", 3, 0.9)));
        forged.put("artifactPath " + elsewhere.campaignId(), () -> trials.onResult(
                m.trained(2, "worker-b", ArtifactPaths.model(elsewhere.campaignId(), elsewhere.trialId(), 0, 2))));
        forged.put("checkpointPath " + elsewhere.campaignId(), () -> trials.onResult(Messages.withPaths(
                m.checkpointed(0, 2, "worker-b", 1, 0.5), null,
                ArtifactPaths.checkpoint(elsewhere.campaignId(), elsewhere.trialId(), 1, 2))));
        forged.put("the trial has no trained model to score", () -> trials.onScore(m.scored(2, 0.99)));
        forged.forEach((reason, send) -> assertThatThrownBy(send::run).isInstanceOf(InconsistentMessageException.class)
                .hasMessageContaining(reason));

        assertThat(trial(id, 0)).isEqualTo(before);
        assertThat(views.detail(id).best()).isNull();
    }

    /** A worker trained the trial's model (attempt 1): what a score needs. */
    private void train(Messages m) {
        trials.onProgress(m.started(1, "worker-a"));
        trials.onResult(m.trained(1, "worker-a"));
    }

    private CampaignDetail.BestTrialView best(String id) {
        return views.detail(id).best();
    }
}
