package io.paretune.controller.dispatch;

import io.paretune.contract.api.CampaignState;
import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.CampaignRepository;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialRepository;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Rows;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The controller against the real broker, with the test playing trainer-worker and evaluator. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class DispatchOverKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    CampaignRepository campaigns;
    @Inject
    TrialRepository trials;

    private KafkaPlayer kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaPlayer();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void campaignOfThreeTrialsRunsTwoAtATimeAndCompletesWithTheBestTrial() {
        String id = Api.submit(Specs.valid(3, 2));

        List<TrialJob> firstTwo = kafka.awaitJobs(id, 2, TIMEOUT);
        assertThat(kafka.jobs(id, Duration.ofSeconds(3))).as("maxParallel 2: no third job while two are active")
                .hasSize(2);
        assertThat(firstTwo).extracting(TrialJob::trialNumber).containsExactlyInAnyOrder(0, 1);
        TrialJob job0 = firstTwo.stream().filter(j -> j.trialNumber() == 0).findFirst().orElseThrow();
        TrialJob job1 = firstTwo.stream().filter(j -> j.trialNumber() == 1).findFirst().orElseThrow();
        assertThat(job0.maxEpochs()).isEqualTo(2);
        assertThat(job0.patience()).isEqualTo(1);
        assertThat(job0.dataset().trainLimit()).isEqualTo(1000);
        assertThat(job0.modelFamily()).isEqualTo("mlp");
        assertThat(job0.params()).containsOnlyKeys("units", "learningRate", "activation", "batchSize");
        assertThat(job0.seed()).isNotEqualTo(job1.seed());
        Api.awaitCampaign(id, TIMEOUT, c -> c.getString("state").equals("RUNNING"));

        kafka.started(job0, 1, "worker-a");
        kafka.epoch(job0, 1, "worker-a", 1, 0.70);
        Api.awaitTrials(id, TIMEOUT, t -> "RUNNING".equals(t.getString("find { it.number == 0 }.state"))
                && t.getList("find { it.number == 0 }.history").size() == 1);
        kafka.trained(job0, 1, "worker-a", 1);
        kafka.scored(job0, 1, 0.70, 0.2);
        kafka.scored(job0, 1, 0.99, 0.1); // a duplicate score: the first one stands
        kafka.runToScore(job1, "worker-b", 0.85);

        List<TrialJob> all = kafka.awaitJobs(id, 3, TIMEOUT);
        assertThat(all).hasSize(3);
        TrialJob job2 = all.stream().filter(j -> j.trialNumber() == 2).findFirst().orElseThrow();
        kafka.runToScore(job2, "worker-a", 0.80);

        Api.awaitCampaign(id, TIMEOUT, c -> c.getString("state").equals("COMPLETED"));
        JsonPath campaign = Api.campaign(id);
        assertThat(campaign.getMap("trialCounts")).isEqualTo(Map.of("WAITING", 0, "RUNNING", 0, "COMPLETE", 3,
                "PRUNED", 0, "FAIL", 0));
        assertThat(campaign.getString("best.trialId")).isEqualTo(job1.trialId());
        assertThat(campaign.getInt("best.number")).isEqualTo(1);
        assertThat(campaign.getDouble("best.metrics.val_accuracy")).isEqualTo(0.85);
        assertThat(campaign.getMap("best.params")).containsOnlyKeys("units", "learningRate", "activation", "batchSize");
        assertThat(campaign.getString("finishedAt")).isNotNull();

        JsonPath trials = Api.trials(id);
        assertThat(trials.getList("number")).containsExactly(0, 1, 2);
        assertThat(trials.getList("state")).containsOnly("COMPLETE");
        assertThat(trials.getDouble("[0].metrics.val_accuracy")).as("the duplicate score changed nothing").isEqualTo(0.70);
        assertThat(trials.getString("[0].workerId")).isEqualTo("worker-a");
        assertThat(trials.getInt("[0].attempt")).isEqualTo(1);
        assertThat(trials.getList("[0].history")).hasSize(1);
        assertThat(trials.getDouble("[0].history[0].valAccuracy")).isEqualTo(0.70);
        assertThat(trials.getString("[0].artifactPath")).endsWith(job0.trialId() + "/model-attempt-1.zip");
        assertThat(trials.getInt("[0].epochsTrained")).isEqualTo(1);
        assertThat(trials.getMap("[0].params")).isEqualTo(paramsAsJson(job0));
    }

    @Test
    void sameSeedProposesTheSameTrialsAcrossCampaigns() {
        String a = Api.submit(Specs.withSeed(Specs.valid(2, 2), 777));
        String b = Api.submit(Specs.withSeed(Specs.valid(2, 2), 777));
        String c = Api.submit(Specs.withSeed(Specs.valid(2, 2), 778));
        List<TrialJob> jobsA = sorted(kafka.awaitJobs(a, 2, TIMEOUT));
        List<TrialJob> jobsB = sorted(kafka.awaitJobs(b, 2, TIMEOUT));
        List<TrialJob> jobsC = sorted(kafka.awaitJobs(c, 2, TIMEOUT));
        assertThat(jobsA).extracting(TrialJob::params).isEqualTo(jobsB.stream().map(TrialJob::params).toList());
        assertThat(jobsA).extracting(TrialJob::seed).isEqualTo(jobsB.stream().map(TrialJob::seed).toList());
        assertThat(jobsA.get(0).params()).isNotEqualTo(jobsA.get(1).params());
        assertThat(jobsA).extracting(TrialJob::params).isNotEqualTo(jobsC.stream().map(TrialJob::params).toList());
        assertThat(Api.trials(a).getList("params")).isEqualTo(Api.trials(b).getList("params"));
    }

    @Test
    void trialStoredButNeverPublishedIsPublishedOnTheNextPass() throws Exception {
        // What a controller that died between storing a trial and publishing its job leaves in the database.
        var spec = new CampaignSpecParser(Set.of("random")).parse(Specs.valid(1, 1)).spec().withSeed(5);
        String campaignId = UUID.randomUUID().toString();
        String trialId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            campaigns.persist(Rows.campaign(campaignId, "interrupted", spec, CampaignState.RUNNING));
            TrialEntity t = Rows.trial(trialId, campaignId, 0, Map.of("units", 64L, "learningRate", 0.01), TrialState.WAITING);
            trials.persist(t);
        });

        List<TrialJob> jobs = kafka.awaitJobs(campaignId, 1, TIMEOUT);
        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.trialId()).isEqualTo(trialId);
            assertThat(j.params()).isEqualTo(Map.of("learningRate", 0.01, "units", 64L));
        });
        Api.awaitTrials(campaignId, TIMEOUT, t -> t.getBoolean("[0].dispatched"));
        assertThat(kafka.jobs(campaignId, Duration.ofSeconds(2))).as("published once, no new trial beyond maxTrials")
                .hasSize(1);
    }

    @Test
    void cancelFailsWaitingTrialsAndLaterMessagesNeverReviveThem() {
        String id = Api.submit(Specs.valid(4, 2));
        List<TrialJob> jobs = sorted(kafka.awaitJobs(id, 2, TIMEOUT));
        kafka.started(jobs.get(0), 1, "worker-a");
        Api.awaitTrials(id, TIMEOUT, t -> "RUNNING".equals(t.getString("[0].state")));

        io.restassured.RestAssured.given().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200);

        JsonPath trials = Api.trials(id);
        assertThat(trials.getString("[0].state")).as("a running trial may still finish").isEqualTo("RUNNING");
        assertThat(trials.getString("[1].state")).isEqualTo("FAIL");
        assertThat(trials.getString("[1].failureReason")).isEqualTo("campaign cancelled");

        kafka.runToScore(jobs.get(1), "worker-b", 0.9);
        kafka.runToScore(jobs.get(0), "worker-a", 0.8);
        Api.awaitTrials(id, TIMEOUT, t -> "COMPLETE".equals(t.getString("[0].state"))
                && "worker-b".equals(t.getString("[1].workerId")));
        trials = Api.trials(id);
        assertThat(trials.getString("[1].state")).as("recorded, never revived").isEqualTo("FAIL");
        assertThat(trials.getString("[1].failureReason")).isEqualTo("campaign cancelled");
        assertThat(trials.getList("[1].history")).hasSize(1);
        assertThat(trials.getList("$")).hasSize(2);
        JsonPath campaign = Api.campaign(id);
        assertThat(campaign.getString("state")).isEqualTo("CANCELLED");
        assertThat(campaign.getString("best.trialId")).isEqualTo(jobs.get(0).trialId());
        assertThat(kafka.jobs(id, Duration.ofSeconds(2))).as("nothing dispatched after cancel").hasSize(2);
    }

    @Test
    void cancelTellsTheWorkersAndTrialsTheyStopForItFailInsteadOfGoingOutAgain() {
        String id = Api.submit(Specs.valid(4, 2));
        List<TrialJob> jobs = sorted(kafka.awaitJobs(id, 2, TIMEOUT));
        kafka.started(jobs.get(0), 1, "worker-a");
        kafka.started(jobs.get(1), 1, "worker-b");
        Api.awaitTrials(id, TIMEOUT, t -> t.getList("state").equals(List.of("RUNNING", "RUNNING")));

        io.restassured.RestAssured.given().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200);

        ConsumerRecord<String, byte[]> record = kafka.awaitControl(id, TIMEOUT);
        CampaignControl control = Json.read(record.value(), CampaignControl.class);
        assertThat(record.key()).as("compacted by campaign").isEqualTo(id);
        assertThat(control.action()).isEqualTo(CampaignControl.Action.CANCELLED);
        assertThat(control.at()).isEqualTo(Instant.parse(Api.campaign(id).getString("finishedAt")));
        assertThat(Api.trials(id).getList("state")).as("their workers end them").containsOnly("RUNNING");

        // One worker stops its trial for the cancellation; the other happens to be shutting down and releases its own.
        kafka.trainingFailed(jobs.get(0), 1, "worker-a", CampaignControl.CANCELLED_REASON);
        kafka.released(jobs.get(1), 1, "worker-b", 0);

        Api.awaitTrials(id, TIMEOUT, t -> t.getList("state").equals(List.of("FAIL", "FAIL")));
        JsonPath trials = Api.trials(id);
        assertThat(trials.getList("failureReason")).containsOnly("campaign cancelled");
        assertThat(trials.getList("attempt")).as("neither went out again").containsOnly(1);
        assertThat(kafka.jobs(id, Duration.ofSeconds(2))).as("nothing dispatched after cancel").hasSize(2);
        assertThat(kafka.controls(id, Duration.ofSeconds(1))).as("published once").hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> campaigns.findById(id).cancelUnpublished)).isFalse();
    }

    @Test
    void cancellationStoredButNeverPublishedIsPublishedOnTheNextPass() {
        // What a controller that died between committing a cancellation and publishing it leaves in the database.
        var spec = new CampaignSpecParser(Set.of("random")).parse(Specs.valid(1, 1)).spec().withSeed(5);
        String campaignId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            CampaignEntity campaign = Rows.campaign(campaignId, "interrupted cancel", spec, CampaignState.CANCELLED);
            campaign.finishedAt = Instant.now();
            campaign.cancelUnpublished = true;
            campaigns.persist(campaign);
        });

        kafka.awaitControl(campaignId, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> !QuarkusTransaction.requiringNew()
                .call(() -> campaigns.findById(campaignId).cancelUnpublished));
    }

    @Test
    void cancellingAnExternalCampaignTellsNoWorker() {
        String id = Api.submit(Specs.parse("""
                {"name": "external", "evaluation": "external",
                 "searchSpace": {"x": {"type": "float", "low": 0, "high": 1}},
                 "objectives": [{"metric": "loss", "direction": "minimize"}],
                 "budget": {"maxTrials": 2, "maxParallel": 1}}
                """));

        io.restassured.RestAssured.given().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200);

        assertThat(kafka.controls(id, Duration.ofSeconds(3))).isEmpty();
    }

    private static List<TrialJob> sorted(List<TrialJob> jobs) {
        return jobs.stream().sorted(Comparator.comparingInt(TrialJob::trialNumber)).toList();
    }

    /** Params as a JSON reader (rest-assured) sees them: integers as Integer, floats as Float/Double. */
    private static Map<String, Object> paramsAsJson(TrialJob job) {
        return JsonPath.from(io.paretune.contract.messaging.Json.writeString(job.params())).getMap("$");
    }
}
