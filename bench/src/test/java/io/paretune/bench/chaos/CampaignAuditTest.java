package io.paretune.bench.chaos;

import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.CampaignState;
import io.paretune.contract.trial.TrialState;
import io.paretune.contract.api.TrialView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignAuditTest {

    private static final Instant T = Instant.parse("2026-12-07T00:00:00Z");

    private static TrialView trial(int number, TrialState state, int attempt, int... epochs) {
        List<TrialView.EpochView> history = new ArrayList<>();
        for (int e : epochs) {
            history.add(new TrialView.EpochView(e, 0.5, 0.8, 0.5, 0.8, 1.0, 1000, "worker-1", 0, T));
        }
        boolean complete = state == TrialState.COMPLETE;
        return new TrialView("t" + number, "c", number, state, Map.of(), attempt, "worker-1", true, history,
                new TreeMap<>(), complete ? Map.of("val_accuracy", 0.8, "latency_ms_p50", 0.2) : null,
                complete ? 0.8 : null, null, state == TrialState.FAIL ? "diverged" : null,
                complete ? "c/t" + number + "/model.zip" : null, complete ? epochs.length : null, 3.0, "cpu", "x86",
                T, T, T, T, T, 0, epochs.length, null);
    }

    private static CampaignDetail campaign(CampaignState state, Map<String, Long> counts, long epochsUsed) {
        return new CampaignDetail("c", "chaos", state, null, 11, "random", List.of(), null, T, T, T, counts, null,
                List.of(), null, epochsUsed, 0);
    }

    private static List<TrialView> threeTrials() {
        return new ArrayList<>(List.of(trial(0, TrialState.COMPLETE, 1, 1, 2, 3),
                trial(1, TrialState.COMPLETE, 2, 1, 2),
                trial(2, TrialState.FAIL, 3, 1)));
    }

    @Test
    void aCompletedCampaignWhoseTrialsEndedOnceIsClean() {
        CampaignAudit.Result audit = CampaignAudit.of(campaign(CampaignState.COMPLETED,
                Map.of("COMPLETE", 2L, "FAIL", 1L, "RUNNING", 0L), 6), threeTrials(), 3, 3, 3);
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.counts()).containsEntry("redispatchedAttempts", 3).containsEntry("epochsOfTrials", 6L);
    }

    @Test
    void anEpochMissingFromAHistoryIsAGapNotAProblem() {
        List<TrialView> trials = threeTrials();
        trials.set(0, trial(0, TrialState.COMPLETE, 1, 2, 3));
        CampaignAudit.Result audit = CampaignAudit.of(campaign(CampaignState.COMPLETED,
                Map.of("COMPLETE", 2L, "FAIL", 1L), 6), trials, 3, 3, 3);
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.historyGaps()).containsExactly("trial 0: epoch(s) [1] of 3 not in its history");
    }

    @Test
    void epochsCountedTwiceShow() {
        CampaignAudit.Result audit = CampaignAudit.of(campaign(CampaignState.COMPLETED,
                Map.of("COMPLETE", 2L, "FAIL", 1L), 8), threeTrials(), 3, 3, 3);
        assertThat(audit.problems()).singleElement().asString().contains("8 epochs used").contains("6");
    }

    @Test
    void aTrialCountedInTheWrongStateShows() {
        CampaignAudit.Result audit = CampaignAudit.of(campaign(CampaignState.COMPLETED,
                Map.of("COMPLETE", 3L), 6), threeTrials(), 3, 3, 3);
        assertThat(audit.clean()).isFalse();
        assertThat(audit.problems()).anyMatch(p -> p.contains("counts"));
    }

    @Test
    void unfinishedUnscoredRepeatedAndMissingTrialsShow() {
        List<TrialView> trials = threeTrials();
        trials.set(1, trial(1, TrialState.RUNNING, 4, 1, 1));
        trials.add(trial(0, TrialState.COMPLETE, 1, 1));
        CampaignAudit.Result audit = CampaignAudit.of(campaign(CampaignState.RUNNING,
                Map.of("COMPLETE", 2L, "FAIL", 1L, "RUNNING", 1L), 5), trials, 3, 3, 3);
        assertThat(audit.problems()).anyMatch(p -> p.startsWith("campaign RUNNING"))
                .anyMatch(p -> p.contains("4 trials listed"))
                .anyMatch(p -> p.contains("trial 1: still RUNNING"))
                .anyMatch(p -> p.contains("attempt 4 beyond"))
                .anyMatch(p -> p.contains("epoch 1 listed twice"))
                .anyMatch(p -> p.contains("listed twice") && p.contains("t0"))
                .anyMatch(p -> p.contains("2 trials numbered 0"))
                .anyMatch(p -> p.contains("no trial numbered 1") || p.contains("no trial numbered 3"));
    }

    @Test
    void aCompleteTrialWithoutAScoreShows() {
        List<TrialView> trials = threeTrials();
        TrialView t = trials.get(0);
        trials.set(0, new TrialView(t.id(), t.campaignId(), t.number(), t.state(), t.params(), t.attempt(),
                t.workerId(), true, t.history(), t.intermediate(), Map.of("val_accuracy", 0.8), 0.8, null, null,
                null, 3, 3.0, "cpu", "x86", T, T, T, T, T, 0, 3, null));
        CampaignAudit.Result audit = CampaignAudit.of(campaign(CampaignState.COMPLETED,
                Map.of("COMPLETE", 2L, "FAIL", 1L), 6), trials, 3, 3, 3);
        assertThat(audit.problems()).containsExactlyInAnyOrder("trial 0: COMPLETE without latency_ms_p50 (no score)",
                "trial 0: COMPLETE without a model artifact");
    }
}
