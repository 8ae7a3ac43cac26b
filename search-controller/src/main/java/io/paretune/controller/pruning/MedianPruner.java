package io.paretune.controller.pruning;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;

import java.util.List;
import java.util.SortedMap;

/**
 * The median stopping rule ({@code "median"}), as Optuna 3.1's {@code MedianPruner} (a 50th-percentile
 * {@code PercentilePruner}, with {@code n_min_trials} 1):
 * <ul>
 *   <li>no decision until {@code startupTrials} trials of the campaign are COMPLETE (and never with none);</li>
 *   <li>none before step {@code warmupSteps};</li>
 *   <li>from then on, decisions at warmupSteps + k·intervalSteps; a trial that skips such a step is judged at its
 *       first report after it instead;</li>
 *   <li>a trial stops when its best intermediate value so far is worse than the median of the COMPLETE trials' values
 *       at the same step (trials still running or stopped do not count, as in Optuna). No such value at that step:
 *       it goes on. Only NaNs so far: it stops.</li>
 * </ul>
 * When maxResource is known (pipeline campaigns: the epochs per trial), a trial at it has finished and is never
 * stopped, as with the rung pruners.
 */
public class MedianPruner implements Pruner {

    @Override
    public String type() {
        return PrunerSpec.MEDIAN;
    }

    @Override
    public boolean shouldPrune(PruningRequest request) {
        Settings settings = Settings.of(request.spec());
        int step = request.step();
        Double current = request.trial().intermediate().get(step);
        if (current == null || (settings.maxResource != null && step >= settings.maxResource)) {
            return false;
        }
        List<FrozenTrial> complete = request.others().stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.number() != request.trial().number())
                .toList();
        if (complete.isEmpty() || complete.size() < settings.startupTrials || step < settings.warmupSteps) {
            return false;
        }
        // Only what the trial had reported by this step counts, so the same question always gets the same answer.
        SortedMap<Integer, Double> earlier = request.trial().intermediate().headMap(step);
        if (!firstReportInInterval(step, earlier, settings)) {
            return false;
        }
        double best = best(request.direction(), current, earlier);
        if (Double.isNaN(best)) {
            return true;
        }
        double median = median(complete, step);
        return !Double.isNaN(median) && request.direction().isBetter(median, best);
    }

    @Override
    public int nextDecisionStep(PruningRequest request, int currentStep, int lastStep) {
        return (int) Math.min(Settings.of(request.spec()).nextCheck(currentStep), lastStep);
    }

    /**
     * Refuses a pipeline campaign whose first check would not come before its last epoch: that pruner would never
     * stop a trial. (External campaigns have no known last step.)
     */
    @Override
    public List<FieldError> check(CampaignSpec spec) {
        PrunerSpec pruner = spec.strategy() == null ? null : spec.strategy().pruner();
        if (pruner == null || pruner.maxResource() == null) {
            return List.of();
        }
        Settings settings = Settings.of(pruner);
        long first = settings.nextCheck(0); // epochs count from 1
        if (first < settings.maxResource) {
            return List.of();
        }
        String field = settings.warmupSteps >= settings.maxResource ? "warmupSteps" : "intervalSteps";
        return List.of(new FieldError("strategy.pruner." + field, "the first check would be at epoch " + first
                + ", not before the last epoch (" + settings.maxResource + "), so this pruner would never stop a trial"));
    }

    /**
     * Optuna's {@code _is_first_in_interval_step}: the step is judged when it is the first report at or after the
     * latest scheduled check, so a check whose exact step was skipped happens at the next report.
     */
    private static boolean firstReportInInterval(int step, SortedMap<Integer, Double> earlier, Settings settings) {
        long latestCheck = Math.floorDiv((long) step - settings.warmupSteps, settings.intervalSteps)
                * settings.intervalSteps + settings.warmupSteps;
        return earlier.isEmpty() || earlier.lastKey() < latestCheck;
    }

    /** The best of the values so far, NaN ignored; NaN when all are. */
    private static double best(Direction direction, double current, SortedMap<Integer, Double> earlier) {
        double best = current;
        for (double v : earlier.values()) {
            if (Double.isNaN(best) || (!Double.isNaN(v) && direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    /** The median of the trials' values at the step, NaN ignored, interpolated as numpy's percentile; NaN if none. */
    static double median(List<FrozenTrial> trials, int step) {
        double[] values = trials.stream()
                .map(t -> t.intermediate().get(step))
                .filter(v -> v != null && !Double.isNaN(v))
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        double lower = values[(values.length - 1) / 2];
        double upper = values[values.length / 2];
        // numpy's lerp at 0.5, to the last bit; equal infinities stay whole, -inf and +inf give NaN as in numpy.
        return lower == upper ? lower : upper - (upper - lower) * 0.5;
    }

    /** The median pruner's settings; the parser stores them filled in, the defaults only cover a hand-built spec. */
    private record Settings(int startupTrials, int warmupSteps, int intervalSteps, Integer maxResource) {
        static Settings of(PrunerSpec spec) {
            return new Settings(
                    spec.startupTrials() != null ? spec.startupTrials() : PrunerSpec.DEFAULT_STARTUP_TRIALS,
                    spec.warmupSteps() != null ? spec.warmupSteps() : PrunerSpec.DEFAULT_WARMUP_STEPS,
                    spec.intervalSteps() != null ? spec.intervalSteps() : PrunerSpec.DEFAULT_INTERVAL_STEPS,
                    spec.maxResource());
        }

        /** The first scheduled check after {@code step}: warmupSteps, then every intervalSteps. */
        long nextCheck(int step) {
            return step < warmupSteps
                    ? warmupSteps
                    : warmupSteps + (Math.floorDiv((long) step - warmupSteps, intervalSteps) + 1) * intervalSteps;
        }
    }
}
