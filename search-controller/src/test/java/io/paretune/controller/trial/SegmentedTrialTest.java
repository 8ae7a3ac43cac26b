package io.paretune.controller.trial;

import io.paretune.contract.api.TrialView;
import io.paretune.contract.messaging.InconsistentMessageException;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.persistence.TrialReportRepository;
import io.paretune.controller.rest.CampaignViews;
import io.paretune.controller.testing.Messages;
import io.paretune.controller.testing.ScriptedPruner;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.paretune.controller.trial.TrialEvents.Handling.APPLIED;
import static io.paretune.controller.trial.TrialEvents.Handling.IGNORED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The tell rules of segmented trials, on the real database, the test handing messages to the service as the consumer
 * would: the first result of a segment wins, messages of an earlier segment never move the trial, and the decision
 * after a checkpoint lives in the database (a restarted controller carries on from there).
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class SegmentedTrialTest {

    @Inject
    CampaignService campaigns;
    @Inject
    TrialEvents trials;
    @Inject
    CampaignViews views;
    @Inject
    TrialReportRepository reports;

    private ScriptedPruner pruner;

    @BeforeEach
    void scriptThePruner() {
        pruner = ScriptedPruner.install(List.of(1, 2), 0.5);
    }

    private String campaign(int maxTrials, int maxParallel) {
        String id = campaigns.submit(Specs.withPruner(Specs.valid(maxTrials, maxParallel), 3), "test").id;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> views.trials(id, 0, 1000).items().size() == Math.min(maxTrials, maxParallel));
        return id;
    }

    private TrialView trial(String campaignId, int number) {
        return views.trials(campaignId, 0, 1000).items().stream().filter(t -> t.number() == number).findFirst()
                .orElseThrow();
    }

    @Test
    void theFirstCheckpointOfASegmentWinsAndLateMessagesOfItNeverMoveTheTrial() {
        String id = campaign(1, 1);
        Messages m = new Messages(id, trial(id, 0).id());
        assertThat(trial(id, 0).lastEpoch()).isEqualTo(3);
        trials.onProgress(m.started(1, "worker-a"));
        trials.onProgress(m.epoch(1, "worker-a", 1, 0.70));

        assertThat(trials.onResult(m.checkpointed(0, 1, "worker-a", 1, 0.70))).isEqualTo(APPLIED);
        TrialView queued = trial(id, 0);
        assertThat(queued.state()).as("its next segment waits for a worker").isEqualTo(TrialState.WAITING);
        assertThat(queued.segment()).isEqualTo(1);
        assertThat(queued.attempt()).isZero();
        assertThat(queued.checkpointPath()).endsWith("/checkpoint-epoch-1-attempt-1.zip");
        assertThat(queued.epochsTrained()).isEqualTo(1);

        assertThat(trials.onResult(m.checkpointed(0, 2, "worker-c", 1, 0.10))).isEqualTo(IGNORED);
        assertThat(trials.onResult(m.failed(2, "worker-c", "worker error"))).as("a late failure of segment 0")
                .isEqualTo(IGNORED);
        trials.onProgress(m.progress(0, TrialProgress.Phase.HEARTBEAT, 3, "worker-z", 1, null));
        TrialView unchanged = trial(id, 0);
        assertThat(unchanged.state()).isEqualTo(TrialState.WAITING);
        assertThat(unchanged.attempt()).isZero();
        assertThat(unchanged.workerId()).isEqualTo("worker-a");
        assertThat(unchanged.checkpointPath()).isEqualTo(queued.checkpointPath());
        assertThat(pruner.asked()).hasSize(1);

        trials.onProgress(m.progress(1, TrialProgress.Phase.STARTED, 1, "worker-b", 1, null));
        TrialView resumed = trial(id, 0);
        assertThat(resumed.state()).isEqualTo(TrialState.RUNNING);
        assertThat(resumed.workerId()).isEqualTo("worker-b");
        assertThat(resumed.attempt()).isEqualTo(1);
        assertThat(resumed.dispatched()).isTrue();
    }

    @Test
    void aCheckpointCarriesItsEpochsValueForThePrunerWhateverComesFirst() {
        String id = campaign(1, 1);
        Messages m = new Messages(id, trial(id, 0).id());
        trials.onProgress(m.started(1, "worker-a"));

        assertThat(trials.onResult(m.checkpointed(0, 1, "worker-a", 1, 0.30))).isEqualTo(APPLIED);
        trials.onProgress(m.epoch(1, "worker-a", 1, 0.35)); // the epoch's report, later and (oddly) different

        TrialView pruned = trial(id, 0);
        assertThat(pruned.state()).isEqualTo(TrialState.PRUNED);
        assertThat(pruned.failureReason()).isEqualTo("pruned by asha after epoch 1 of 3");
        assertThat(pruned.checkpointPath()).as("kept").isNotNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> reports.forCampaign(id).get(m.trialId())))
                .as("the value the pruner decided on stays").containsExactly(Map.entry(1, 0.30));
        assertThat(views.detail(id).epochsSaved()).isEqualTo(2);
        assertThat(views.detail(id).state().name()).isEqualTo("FAILED");
    }

    @Test
    void aCheckpointAfterTheCampaignWasCancelledEndsTheTrial() {
        String id = campaign(2, 2);
        Messages m = new Messages(id, trial(id, 0).id());
        trials.onProgress(m.started(1, "worker-a"));
        campaigns.cancel(id);
        assertThat(trial(id, 0).state()).isEqualTo(TrialState.RUNNING);

        assertThat(trials.onResult(m.checkpointed(0, 1, "worker-a", 1, 0.90))).isEqualTo(APPLIED);

        assertThat(trial(id, 0).state()).isEqualTo(TrialState.FAIL);
        assertThat(trial(id, 0).failureReason()).isEqualTo("campaign cancelled");
        assertThat(pruner.asked()).as("no decision for a cancelled campaign").isEmpty();
    }

    @Test
    void aCheckpointBeforeTheSegmentTrainedAnEpochIsAnErrorNamingTheSegment() {
        String id = campaign(1, 1);
        Messages m = new Messages(id, trial(id, 0).id());
        trials.onProgress(m.started(1, "worker-a"));

        trials.onResult(m.checkpointed(0, 1, "worker-a", 0, 0.90));

        assertThat(trial(id, 0).state()).isEqualTo(TrialState.FAIL);
        assertThat(trial(id, 0).failureReason()).isEqualTo("segment 0 checkpointed after epoch 0, outside its epochs 1..3");
    }

    @Test
    void aCheckpointBeyondTheSegmentsStopEpochIsRefusedAndChangesNothing() {
        String id = campaign(1, 1);
        Messages m = new Messages(id, trial(id, 0).id());
        trials.onProgress(m.started(1, "worker-a"));
        TrialView before = trial(id, 0);

        assertThatThrownBy(() -> trials.onResult(m.checkpointed(0, 1, "worker-a", 3, 0.90)))
                .isInstanceOf(InconsistentMessageException.class)
                .hasMessageContaining("epochsTrained 3 is outside segment 0's epochs 0..1");

        assertThat(trial(id, 0)).isEqualTo(before);
        assertThat(pruner.asked()).isEmpty();
    }
}
