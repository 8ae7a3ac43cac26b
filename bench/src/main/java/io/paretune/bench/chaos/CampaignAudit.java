package io.paretune.bench.chaos;

import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.trial.TrialState;
import io.paretune.contract.api.TrialView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a finished campaign must look like however its services were killed on the way, read through the API alone:
 * the campaign COMPLETED; exactly {@code maxTrials} trials, numbered 0..n-1 once each; every trial in a terminal state
 * and counted once in the campaign's counts; every COMPLETE trial with one score (its metrics and artifact) from
 * one attempt within bounds; no epoch listed twice in a trial's history; and the campaign's epochs used equal to the
 * sum of its trials' furthest epochs, so no attempt was counted twice.
 *
 * <pre>{@code
 * CampaignAudit.Result audit = CampaignAudit.of(api.campaign(id), api.trials(id), 12, 4, 3);
 * audit.clean();
 * }</pre>
 */
public final class CampaignAudit {

    /** The metrics a score always carries: the objectives of the chaos campaign. */
    static final List<String> SCORE_METRICS = List.of("val_accuracy", "latency_ms_p50");

    private static final Set<TrialState> TERMINAL = Set.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL);

    /**
     * The audit's findings: counts for the table, one line per problem (none: clean), and the epochs missing from
     * trials' histories. Those are not problems of counting: the workers send epoch progress without waiting (a lost
     * report is replaced by the next), so an epoch reported while the broker was down is absent from the history
     * while the trial's result, its furthest epoch and its score are whole.
     */
    public record Result(Map<String, Object> counts, List<String> problems, List<String> historyGaps) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private CampaignAudit() {
    }

    public static Result of(CampaignDetail campaign, List<TrialView> trials, int maxTrials, int maxEpochs,
                            int maxAttempts) {
        List<String> problems = new ArrayList<>();
        List<String> historyGaps = new ArrayList<>();
        if (!"COMPLETED".equals(campaign.state().name())) {
            problems.add("campaign " + campaign.state() + (campaign.reason() == null ? "" : ": " + campaign.reason()));
        }
        if (trials.size() != maxTrials) {
            problems.add(trials.size() + " trials listed, the budget is " + maxTrials);
        }
        Set<String> ids = new HashSet<>();
        Map<Integer, Integer> numbers = new TreeMap<>();
        Map<String, Long> states = new TreeMap<>();
        long furthestEpochs = 0;
        int attemptsAfterFirst = 0;
        for (TrialView t : trials) {
            String who = "trial " + t.number();
            if (!ids.add(t.id())) {
                problems.add(who + ": id " + t.id() + " listed twice");
            }
            numbers.merge(t.number(), 1, Integer::sum);
            states.merge(t.state().name(), 1L, Long::sum);
            if (!TERMINAL.contains(t.state())) {
                problems.add(who + ": still " + t.state());
            }
            if (t.attempt() > maxAttempts) {
                problems.add(who + ": attempt " + t.attempt() + " beyond the " + maxAttempts + " allowed");
            }
            if (t.attempt() > 1) {
                attemptsAfterFirst += t.attempt() - 1;
            }
            Set<Integer> epochs = new HashSet<>();
            int furthest = 0;
            for (TrialView.EpochView e : t.history()) {
                if (!epochs.add(e.epoch())) {
                    problems.add(who + ": epoch " + e.epoch() + " listed twice in its history");
                }
                furthest = Math.max(furthest, e.epoch());
            }
            if (furthest > maxEpochs) {
                problems.add(who + ": trained to epoch " + furthest + ", beyond the " + maxEpochs + " allowed");
            }
            furthestEpochs += furthest;
            List<Integer> missing = new ArrayList<>();
            for (int e = 1; e < furthest; e++) {
                if (!epochs.contains(e)) {
                    missing.add(e);
                }
            }
            if (!missing.isEmpty()) {
                historyGaps.add(who + ": epoch(s) " + missing + " of " + furthest + " not in its history");
            }
            if (t.state() == TrialState.COMPLETE) {
                for (String metric : SCORE_METRICS) {
                    if (t.metrics() == null || !t.metrics().containsKey(metric)) {
                        problems.add(who + ": COMPLETE without " + metric + " (no score)");
                    }
                }
                if (t.artifactPath() == null) {
                    problems.add(who + ": COMPLETE without a model artifact");
                }
                if (t.epochsTrained() == null || t.epochsTrained() < 1 || t.epochsTrained() > maxEpochs) {
                    problems.add(who + ": COMPLETE with " + t.epochsTrained() + " epochs trained");
                }
            }
        }
        for (int n = 0; n < trials.size(); n++) {
            Integer seen = numbers.get(n);
            if (seen == null) {
                problems.add("no trial numbered " + n);
            } else if (seen > 1) {
                problems.add(seen + " trials numbered " + n);
            }
        }
        Map<String, Long> counted = new TreeMap<>(campaign.trialCounts());
        counted.values().removeIf(v -> v == 0);
        if (!counted.equals(states)) {
            problems.add("the campaign counts " + counted + ", its trials are " + states);
        }
        if (campaign.epochsUsed() != furthestEpochs) {
            problems.add("the campaign counts " + campaign.epochsUsed() + " epochs used, its trials' furthest epochs "
                    + "add up to " + furthestEpochs);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("campaignState", campaign.state().name());
        counts.put("trials", trials.size());
        counts.put("trialStates", states);
        counts.put("redispatchedAttempts", attemptsAfterFirst);
        counts.put("epochsUsed", campaign.epochsUsed());
        counts.put("epochsOfTrials", furthestEpochs);
        return new Result(counts, problems, historyGaps);
    }
}
