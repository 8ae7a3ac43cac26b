package io.paretune.controller.persistence;

import io.paretune.contract.api.CampaignState;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.testing.Rows;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema and the store's queries on H2 (and on PostgreSQL: {@link PostgresStoreTest}). */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class StoreTest {

    @Inject
    Flyway flyway;
    @Inject
    CampaignRepository campaigns;
    @Inject
    TrialRepository trials;
    @Inject
    TrialEpochRepository epochs;

    /** A finished campaign: the reconcile loop leaves it alone. */
    String campaign() {
        var spec = new CampaignSpecParser(Set.of("random")).parse(Specs.valid()).spec().withSeed(1);
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> campaigns.persist(Rows.campaign(id, "store", spec, CampaignState.CANCELLED)));
        return id;
    }

    static TrialEntity trial(String campaignId, int number, TrialState state) {
        return Rows.trial(campaignId, number, Map.of("units", 64), state);
    }

    static TrialEpochEntity epoch(String trialId, int attempt, int epoch) {
        TrialEpochEntity e = new TrialEpochEntity();
        e.trialId = trialId;
        e.attempt = attempt;
        e.epoch = epoch;
        e.valAccuracy = 0.5;
        e.epochSeconds = 1.25;
        e.samplesPerSecond = 9000;
        e.recordedAt = Instant.now();
        return e;
    }

    @Test
    void schemaIsMigratedToTheLatestVersion() {
        var info = flyway.info();
        assertThat(info.pending()).isEmpty();
        assertThat(info.all()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(info.current().getVersion()).isEqualTo(info.all()[info.all().length - 1].getVersion());
    }

    @Test
    void trialRoundTripsWithTypedParamsMetricsAndTimestamps() {
        String campaignId = campaign();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("units", 64L);
        params.put("learningRate", 0.001);
        params.put("activation", "relu");
        params.put("batchNorm", true);
        Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
        TrialEntity t = trial(campaignId, 0, TrialState.COMPLETE);
        t.params = JsonColumns.writeParams(params);
        t.metrics = JsonColumns.writeMetrics(Map.of("val_accuracy", 0.875, "latency_ms_p50", 0.125));
        t.primaryValue = 0.875;
        t.finishedAt = at;
        t.failureReason = "é ✓ " + "x".repeat(3000);
        QuarkusTransaction.requiringNew().run(() -> trials.persist(t));

        TrialEntity back = QuarkusTransaction.requiringNew().call(() -> trials.findById(t.id));
        assertThat(JsonColumns.readParams(back.params)).isEqualTo(params);
        assertThat(JsonColumns.readParams(back.params).get("units")).isInstanceOf(Long.class);
        assertThat(JsonColumns.readMetrics(back.metrics)).containsEntry("val_accuracy", 0.875);
        assertThat(back.finishedAt).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
        assertThat(back.failureReason).isEqualTo(t.failureReason);
        assertThat(back.state).isEqualTo(TrialState.COMPLETE);
    }

    @Test
    void trialNumberIsUniquePerCampaign() {
        String campaignId = campaign();
        QuarkusTransaction.requiringNew().run(() -> trials.persist(trial(campaignId, 0, TrialState.WAITING)));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            trials.persist(trial(campaignId, 0, TrialState.WAITING));
            trials.flush();
        })).isNotNull();
        String other = campaign();
        QuarkusTransaction.requiringNew().run(() -> trials.persist(trial(other, 0, TrialState.WAITING)));
        assertThat(QuarkusTransaction.requiringNew().call(() -> trials.forCampaign(campaignId))).hasSize(1);
    }

    @Test
    void epochIsUniquePerTrialSegmentAttemptAndEpoch() {
        String campaignId = campaign();
        TrialEntity t = trial(campaignId, 0, TrialState.RUNNING);
        TrialEntity segmented = trial(campaignId, 1, TrialState.RUNNING);
        TrialEpochEntity secondSegment = epoch(segmented.id, 1, 1);
        secondSegment.segment = 1;
        QuarkusTransaction.requiringNew().run(() -> {
            trials.persist(t);
            trials.persist(segmented);
            epochs.persist(epoch(t.id, 1, 1));
            epochs.persist(epoch(t.id, 2, 1));
            epochs.persist(epoch(segmented.id, 1, 1));
            epochs.persist(secondSegment);
        });
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> epochs.persist(epoch(t.id, 1, 1))))
                .isNotNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> epochs.history(t.id, 1))).hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> epochs.find(t.id, 0, 2, 1))).isPresent();
        assertThat(QuarkusTransaction.requiringNew().call(() -> epochs.find(segmented.id, 1, 1, 1)))
                .hasValueSatisfying(e -> assertThat(e.segment).isEqualTo(1));
    }

    @Test
    void queriesCountEveryStateAndFindUndispatchedAndStaleTrials() {
        String campaignId = campaign();
        TrialEntity waiting = trial(campaignId, 0, TrialState.WAITING);
        TrialEntity queued = trial(campaignId, 1, TrialState.WAITING);
        queued.dispatched = true;
        TrialEntity silent = trial(campaignId, 2, TrialState.RUNNING);
        silent.lastHeartbeatAt = Instant.now().minusSeconds(3600);
        silent.dispatched = true;
        // An external campaign's trial: RUNNING, never dispatched, its user may take as long as they like.
        TrialEntity asked = trial(campaignId, 4, TrialState.RUNNING);
        asked.lastHeartbeatAt = Instant.now().minusSeconds(3600);
        TrialEntity trained = trial(campaignId, 3, TrialState.RUNNING);
        trained.lastHeartbeatAt = Instant.now().minusSeconds(3600);
        trained.artifactPath = "a/b.zip";
        QuarkusTransaction.requiringNew().run(() -> {
            trials.persist(waiting);
            trials.persist(queued);
            trials.persist(silent);
            trials.persist(trained);
            trials.persist(asked);
        });

        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(trials.countByState(campaignId)).containsExactly(
                    Map.entry(TrialState.WAITING, 2L), Map.entry(TrialState.RUNNING, 3L),
                    Map.entry(TrialState.COMPLETE, 0L), Map.entry(TrialState.PRUNED, 0L), Map.entry(TrialState.FAIL, 0L));
            assertThat(trials.undispatched(campaignId)).extracting(t -> t.id).containsExactly(waiting.id);
            Instant cutoff = Instant.now().minusSeconds(60);
            assertThat(trials.trainingNotHeardSince(cutoff)).contains(silent.id)
                    .doesNotContain(trained.id, queued.id, asked.id);
            assertThat(trials.trainedNotScoredSince(cutoff)).contains(trained.id).doesNotContain(silent.id);
            assertThat(trials.queueDepth()).isPositive();
            assertThat(trials.countByCampaignAndState().get(campaignId)).containsEntry(TrialState.RUNNING, 3L);
            assertThat(campaigns.activeIds()).doesNotContain(campaignId);
            assertThat(campaigns.countByState().get(CampaignState.CANCELLED)).isPositive();
        });
    }

    @Test
    void newestCampaignsComeFirst() {
        String older = campaign();
        String newer = campaign();
        var ids = QuarkusTransaction.requiringNew().call(() -> campaigns.newestFirst().stream().map(c -> c.id).toList());
        assertThat(ids).containsSubsequence(newer, older);
    }
}
