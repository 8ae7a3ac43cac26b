package io.paretune.controller.testing;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.pruning.Pruner;
import io.paretune.controller.pruning.PruningRequest;
import io.paretune.controller.search.FrozenTrial;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * A stand-in {@code median} pruner for the ask/tell tests until the real one lands (then this class goes): after
 * {@code startupTrials} COMPLETE trials and {@code warmupSteps}, it prunes a trial whose best value so far is worse
 * than the median of the COMPLETE trials' values at the same step, which is also what the median rule does.
 */
@ApplicationScoped
public class StandInMedianPruner implements Pruner {

    @Override
    public String type() {
        return PrunerSpec.MEDIAN;
    }

    @Override
    public boolean shouldPrune(PruningRequest request) {
        if (request.step() < request.spec().warmupSteps()) {
            return false;
        }
        List<FrozenTrial> complete = request.others().stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (complete.isEmpty() || complete.size() < request.spec().startupTrials()) {
            return false;
        }
        List<Double> atStep = complete.stream().map(t -> t.intermediate().get(request.step()))
                .filter(v -> v != null).sorted().toList();
        if (atStep.isEmpty()) {
            return false;
        }
        int n = atStep.size();
        double median = n % 2 == 1 ? atStep.get(n / 2) : (atStep.get(n / 2 - 1) + atStep.get(n / 2)) / 2;
        Direction direction = request.direction();
        double best = request.trial().intermediate().values().stream()
                .reduce((a, b) -> direction.isBetter(a, b) ? a : b).orElseThrow();
        return direction.isBetter(median, best);
    }

    @Override
    public int nextDecisionStep(PruningRequest request, int currentStep, int lastStep) {
        return Math.min(currentStep + 1, lastStep);
    }
}
