package io.paretune.controller.pruning;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.search.ModelFamily;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.TrialEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Cuts pipeline trials into segments that end where the campaign's pruner may stop them, and decides, when a
 * segment has left its checkpoint, whether the trial stops (PRUNED) or goes on to the next decision step. Like the
 * pruner it asks, it keeps no state: every answer is rebuilt from the database, so a restarted controller decides
 * the same. Campaigns without a pruner train each trial in one segment.
 *
 * <pre>{@code
 * int stop = planner.firstStop(campaign, spec, trial);              // ASHA η=3, min 1: epoch 1
 * SegmentPlanner.Decision decision = planner.afterCheckpoint(campaign, spec, trial, 1);
 * if (decision instanceof SegmentPlanner.Continue next) {
 *     queueSegment(trial, 1, next.stopEpoch());                       // to the next rung: epoch 3
 * }
 * }</pre>
 */
@ApplicationScoped
public class SegmentPlanner {

    /** What becomes of a trial after a checkpoint. */
    public sealed interface Decision permits Prune, Continue {
    }

    /** Stop the trial here. */
    public record Prune(String reason) implements Decision {
    }

    /** Train on, from the checkpoint to {@code stopEpoch}. */
    public record Continue(int stopEpoch) implements Decision {
    }

    private final PrunerRegistry pruners;
    private final PruningRequests requests;

    public SegmentPlanner(PrunerRegistry pruners, PruningRequests requests) {
        this.pruners = pruners;
        this.requests = requests;
    }

    /**
     * Epochs of a pipeline trial at full fidelity: its {@code epochs} parameter, capped by
     * {@code maxEpochsPerTrial} (the worker resolves them the same way).
     */
    public static int lastEpoch(CampaignSpec spec, Map<String, Object> params) {
        int maxEpochs = spec.budget().maxEpochsPerTrial();
        try {
            return ModelFamily.require(spec.modelFamily()).resolve(params, maxEpochs).epochs();
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            return maxEpochs; // the worker will fail the trial, naming the parameter
        }
    }

    /** Where the first segment of a new trial stops: the pruner's first decision step, else its last epoch. */
    public int firstStop(CampaignEntity campaign, CampaignSpec spec, TrialEntity trial) {
        int last = trial.lastEpoch != null ? trial.lastEpoch : spec.budget().maxEpochsPerTrial();
        Pruner pruner = pruner(spec);
        if (pruner == null) {
            return last;
        }
        return clamp(pruner.nextDecisionStep(requests.of(campaign, spec, trial, 0), 0, last), 0, last);
    }

    /**
     * Asks the pruner about a trial whose segment ended with a checkpoint after epoch {@code reached} (its
     * intermediate value at that epoch already recorded).
     */
    public Decision afterCheckpoint(CampaignEntity campaign, CampaignSpec spec, TrialEntity trial, int reached) {
        int last = trial.lastEpoch != null ? trial.lastEpoch : spec.budget().maxEpochsPerTrial();
        Pruner pruner = pruner(spec);
        if (pruner == null) {
            return new Continue(last);
        }
        PruningRequest request = requests.of(campaign, spec, trial, reached);
        if (pruner.shouldPrune(request)) {
            return new Prune("pruned by " + pruner.type() + " after epoch " + reached + " of " + last);
        }
        return new Continue(clamp(pruner.nextDecisionStep(request, reached, last), reached, last));
    }

    private Pruner pruner(CampaignSpec spec) {
        PrunerSpec pruner = spec.strategy().pruner();
        if (pruner == null) {
            return null;
        }
        return pruners.find(pruner.type()).orElseThrow(() -> new IllegalStateException("pruner '" + pruner.type()
                + "' of the campaign is not available in this controller; available: " + pruners.types()));
    }

    /** The next step after {@code current}, at most {@code last}: a pruner cannot make a segment empty or too long. */
    private static int clamp(int step, int current, int last) {
        return Math.min(Math.max(step, current + 1), last);
    }
}
