package io.paretune.controller.dispatch;

import io.paretune.contract.api.CampaignState;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.CampaignRepository;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialRepository;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Rows;
import io.paretune.controller.testing.ScriptedPruner;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-fidelity segments against the real broker and database, the test playing the workers and the evaluator, with
 * a {@link ScriptedPruner} deciding after epochs 1 and 2 of 3 (prunes below 0.5 validation accuracy).
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class SegmentDispatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    CampaignRepository campaigns;
    @Inject
    TrialRepository trials;

    private KafkaPlayer kafka;
    private ScriptedPruner pruner;

    @BeforeEach
    void setUp() {
        kafka = new KafkaPlayer();
        pruner = ScriptedPruner.install(List.of(1, 2), 0.5);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void promotedTrialResumesFromItsCheckpointSegmentBySegmentOnWhicheverWorkerTakesIt() {
        String id = Api.submit(Specs.withPruner(Specs.valid(1, 1), 3));

        TrialJob first = kafka.awaitJobs(id, 1, TIMEOUT).get(0);
        assertThat(first.segment()).isZero();
        assertThat(first.startEpoch()).isZero();
        assertThat(first.stopEpoch()).as("the pruner's first decision step").isEqualTo(1);
        assertThat(first.resumeFrom()).isNull();
        assertThat(first.maxEpochs()).isEqualTo(3);
        kafka.started(first, 1, "worker-a");
        kafka.epoch(first, 1, "worker-a", 1, 0.70);
        kafka.checkpointed(first, 1, "worker-a", 0.70);

        TrialJob second = kafka.awaitJobs(id, 2, TIMEOUT).get(1);
        assertThat(second.trialId()).isEqualTo(first.trialId());
        assertThat(second.segment()).isEqualTo(1);
        assertThat(second.startEpoch()).isEqualTo(1);
        assertThat(second.stopEpoch()).isEqualTo(2);
        assertThat(second.resumeFrom()).isEqualTo(id + "/" + first.trialId() + "/checkpoint-epoch-1-attempt-1.zip");
        assertThat(second.params()).isEqualTo(first.params());
        assertThat(second.seed()).isEqualTo(first.seed());

        // A duplicate attempt of segment 0 finishing late changes nothing: the first result of a segment wins.
        kafka.checkpointed(first, 2, "worker-c", 0.10);
        kafka.started(second, 1, "worker-b");
        kafka.epoch(second, 1, "worker-b", 2, 0.75);
        kafka.checkpointed(second, 1, "worker-b", 0.75);

        TrialJob third = kafka.awaitJobs(id, 3, TIMEOUT).get(2);
        assertThat(third.segment()).isEqualTo(2);
        assertThat(third.startEpoch()).isEqualTo(2);
        assertThat(third.stopEpoch()).as("the last epoch").isEqualTo(3);
        assertThat(third.resumeFrom()).endsWith("/checkpoint-epoch-2-attempt-1.zip");
        kafka.started(third, 1, "worker-a");
        kafka.epoch(third, 1, "worker-a", 3, 0.80);
        kafka.trained(third, 1, "worker-a", 3);
        kafka.scored(third, 1, 0.80, 0.2);

        Api.awaitCampaign(id, TIMEOUT, c -> "COMPLETED".equals(c.getString("state")));
        assertThat(kafka.jobs(id, Duration.ofSeconds(2))).as("one job per segment").hasSize(3);
        JsonPath t = Api.trials(id);
        assertThat(t.getString("[0].state")).isEqualTo("COMPLETE");
        assertThat(t.getInt("[0].segment")).isEqualTo(2);
        assertThat(t.getList("[0].history.epoch")).containsExactly(1, 2, 3);
        assertThat(t.getList("[0].history.workerId")).containsExactly("worker-a", "worker-b", "worker-a");
        assertThat(t.getList("[0].history.segment")).containsExactly(0, 1, 2);
        assertThat(t.getInt("[0].epochsTrained")).isEqualTo(3);
        JsonPath c = Api.campaign(id);
        assertThat(c.getInt("epochsUsed")).isEqualTo(3);
        assertThat(c.getInt("epochsSaved")).isZero();
        assertThat(pruner.asked()).extracting(r -> r.step()).containsExactly(1, 2);
        assertThat(pruner.asked().get(0).trial().intermediate()).containsEntry(1, 0.70);
    }

    @Test
    void prunedTrialEndsAtItsCheckpointAndFreesItsSlotAtOnce() {
        String id = Api.submit(Specs.withPruner(Specs.valid(2, 1), 3));

        TrialJob first = kafka.awaitJobs(id, 1, TIMEOUT).get(0);
        kafka.started(first, 1, "worker-a");
        // The checkpoint alone carries the epoch's value: the pruner decides even before the epoch's progress comes.
        kafka.checkpointed(first, 1, "worker-a", 0.30);

        TrialJob next = kafka.awaitJobs(id, 2, TIMEOUT).get(1);
        assertThat(next.trialNumber()).as("the pruned trial's slot goes to the next trial").isEqualTo(1);
        assertThat(next.segment()).isZero();
        JsonPath pruned = Api.trial(id, 0);
        assertThat(pruned.getString("state")).isEqualTo("PRUNED");
        assertThat(pruned.getString("failureReason")).isEqualTo("pruned by asha after epoch 1 of 3");
        assertThat(pruned.getString("checkpointPath")).endsWith("/checkpoint-epoch-1-attempt-1.zip");
        assertThat(pruned.getInt("epochsTrained")).isEqualTo(1);
        kafka.epoch(first, 1, "worker-a", 1, 0.30);
        Api.awaitTrials(id, TIMEOUT, t -> t.getList("find { it.number == 0 }.history").size() == 1);
        assertThat(Api.trial(id, 0).getString("state")).as("late progress never revives it").isEqualTo("PRUNED");

        kafka.started(next, 1, "worker-b");
        kafka.checkpointed(next, 1, "worker-b", 0.90);
        TrialJob promoted = kafka.awaitJobs(id, 3, TIMEOUT).get(2);
        assertThat(promoted.trialId()).isEqualTo(next.trialId());
        JsonPath mid = Api.campaign(id);
        assertThat(mid.getInt("epochsUsed")).isEqualTo(2);
        assertThat(mid.getInt("epochsSaved")).as("trial 0 stopped 2 epochs short").isEqualTo(2);
        assertThat(mid.getInt("trialCounts.WAITING")).as("between segments a trial waits for a worker").isEqualTo(1);

        kafka.started(promoted, 1, "worker-a");
        kafka.checkpointed(promoted, 1, "worker-a", 0.40);
        Api.awaitCampaign(id, TIMEOUT, c -> "FAILED".equals(c.getString("state")));
        JsonPath c = Api.campaign(id);
        assertThat(c.getString("reason")).isEqualTo("no trial completed: 0 failed, 2 pruned of 2");
        assertThat(c.getInt("epochsUsed")).isEqualTo(3);
        assertThat(c.getInt("epochsSaved")).isEqualTo(3);
    }

    @Test
    void nextSegmentStoredButNeverPublishedIsPublishedAfterARestart() {
        // What a controller that died right after queueing a trial's next segment leaves in the database.
        var spec = new CampaignSpecParser(Set.of("random")).parse(Specs.withPruner(Specs.valid(1, 1), 4)).spec()
                .withSeed(9);
        String campaignId = UUID.randomUUID().toString();
        String trialId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            campaigns.persist(Rows.campaign(campaignId, "interrupted between segments", spec, CampaignState.RUNNING));
            TrialEntity t = Rows.trial(trialId, campaignId, 0, Map.of("units", 64L), TrialState.WAITING);
            Instant now = t.createdAt;
            t.dispatchedAt = now;
            t.startedAt = now;
            t.segment = 1;
            t.segmentStartEpoch = 2;
            t.segmentStopEpoch = 4;
            t.lastEpoch = 4;
            t.epochsTrained = 2;
            t.checkpointPath = campaignId + "/" + trialId + "/checkpoint-epoch-2-attempt-1.zip";
            trials.persist(t);
        });

        TrialJob job = kafka.awaitJobs(campaignId, 1, TIMEOUT).get(0);
        assertThat(job.trialId()).isEqualTo(trialId);
        assertThat(job.segment()).isEqualTo(1);
        assertThat(job.startEpoch()).isEqualTo(2);
        assertThat(job.stopEpoch()).isEqualTo(4);
        assertThat(job.resumeFrom()).isEqualTo(campaignId + "/" + trialId + "/checkpoint-epoch-2-attempt-1.zip");
        Api.awaitTrials(campaignId, TIMEOUT, t -> t.getBoolean("[0].dispatched"));
        assertThat(kafka.jobs(campaignId, Duration.ofSeconds(2))).as("published once").hasSize(1);
    }
}
