package io.paretune.controller.store;

import io.paretune.controller.search.FrozenTrial;

import java.util.List;

/**
 * A campaign's trials frozen at one moment (under its lock), by number: what samplers and pruners decide from.
 *
 * <pre>{@code
 * TrialSnapshots trials = store.snapshot(campaign, spec);
 * sampler.sample(new SamplingRequest(..., trials.finished(), trials.pending()));
 * }</pre>
 */
public record TrialSnapshots(List<Frozen> trials) {

    /** One trial's snapshot with its id (snapshots themselves know only their number). */
    public record Frozen(String trialId, FrozenTrial trial) {
    }

    public TrialSnapshots {
        trials = List.copyOf(trials);
    }

    public int size() {
        return trials.size();
    }

    /** COMPLETE, PRUNED and FAIL trials. */
    public List<FrozenTrial> finished() {
        return trials.stream().map(Frozen::trial).filter(t -> t.state().isFinished()).toList();
    }

    /** WAITING and RUNNING trials: a sampler must not propose them again. */
    public List<FrozenTrial> pending() {
        return trials.stream().map(Frozen::trial).filter(t -> !t.state().isFinished()).toList();
    }

    /** The snapshot of one trial. */
    public FrozenTrial of(String trialId) {
        return trials.stream().filter(f -> f.trialId().equals(trialId)).map(Frozen::trial).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trial " + trialId + " in this snapshot"));
    }

    /** Every trial but one. */
    public List<FrozenTrial> others(String trialId) {
        return trials.stream().filter(f -> !f.trialId().equals(trialId)).map(Frozen::trial).toList();
    }
}
