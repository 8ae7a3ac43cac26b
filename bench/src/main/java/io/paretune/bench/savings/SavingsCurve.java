package io.paretune.bench.savings;

import io.paretune.bench.Stats;
import io.paretune.contract.api.TrialView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pipeline campaign spent and found, from {@code GET /api/v1/campaigns/{id}/trials}: the best validation
 * accuracy so far against the epochs consumed so far (every trained epoch of every trial, in the order they were
 * recorded), the total epochs, and the trials by state. A trial's epochs are its epoch records, or
 * {@code epochsTrained} when that is larger (records of an earlier attempt are not listed).
 *
 * @param curve  {@code [epochs consumed, best val_accuracy]} at each improvement, then at the last epoch
 */
public record SavingsCurve(int epochs, Double bestValAccuracy, Integer bestTrial, List<double[]> curve,
                           Map<String, Integer> trialStates, int unrecordedEpochs) {

    private record EpochEvent(Instant at, int trial, int epoch, Double valAccuracy) {
    }

    public static SavingsCurve of(List<TrialView> trials) {
        List<EpochEvent> events = new ArrayList<>();
        Map<String, Integer> states = new TreeMap<>();
        int epochs = 0;
        int recorded = 0;
        for (TrialView t : trials) {
            states.merge(t.state().name(), 1, Integer::sum);
            Map<Integer, EpochEvent> byEpoch = new TreeMap<>();
            for (TrialView.EpochView e : t.history() == null ? List.<TrialView.EpochView>of() : t.history()) {
                byEpoch.put(e.epoch(), new EpochEvent(e.recordedAt(), t.number(), e.epoch(), e.valAccuracy()));
            }
            events.addAll(byEpoch.values());
            recorded += byEpoch.size();
            epochs += Math.max(byEpoch.size(), t.epochsTrained() == null ? 0 : t.epochsTrained());
        }
        events.sort(Comparator.comparing(EpochEvent::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(EpochEvent::trial).thenComparingInt(EpochEvent::epoch));
        List<double[]> curve = new ArrayList<>();
        Double best = null;
        Integer bestTrial = null;
        int consumed = 0;
        for (EpochEvent e : events) {
            consumed++;
            if (e.valAccuracy() != null && (best == null || e.valAccuracy() > best)) {
                best = e.valAccuracy();
                bestTrial = e.trial();
                curve.add(new double[]{consumed, best});
            }
        }
        if (best != null && curve.get(curve.size() - 1)[0] != consumed) {
            curve.add(new double[]{consumed, best});
        }
        return new SavingsCurve(epochs, best, bestTrial, curve, states, epochs - recorded);
    }

    /** Epochs consumed when the best validation accuracy first reached {@code target}, or null if it never did. */
    public Integer epochsToReach(double target) {
        for (double[] point : curve) {
            if (point[1] >= target) {
                return (int) point[0];
            }
        }
        return null;
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epochs", epochs);
        out.put("best_val_accuracy", bestValAccuracy);
        out.put("best_trial", bestTrial);
        out.put("trials", trialStates);
        if (unrecordedEpochs > 0) {
            out.put("epochs_without_record", unrecordedEpochs);
        }
        out.put("curve", curve.stream().map(p -> List.of((int) p[0], Stats.round(p[1], 4))).toList());
        return out;
    }
}
