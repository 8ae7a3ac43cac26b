package io.paretune.controller.trial;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.api.AskResponse;
import io.paretune.contract.api.CampaignState;
import io.paretune.contract.api.ReportRequest;
import io.paretune.contract.api.ReportResponse;
import io.paretune.contract.api.TellResponse;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignFinishedException;
import io.paretune.controller.campaign.CampaignNotFoundException;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.config.ControllerClock;
import io.paretune.controller.config.ControllerConfig;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialReportEntity;
import io.paretune.controller.pruning.Pruner;
import io.paretune.controller.pruning.PrunerRegistry;
import io.paretune.controller.pruning.PruningRequests;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.LockedTrial;
import io.paretune.controller.store.TrialSnapshots;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Optuna's ask/tell for campaigns with {@code "evaluation": "external"}: the user asks for a trial, evaluates it
 * wherever they like, reports intermediate values (and stops when the pruner says so), then tells how it ended. Each
 * call is one transaction under the campaign lock, so concurrent clients never get the same trial number or exceed
 * the budget. Trials are proposed exactly as for dispatched campaigns ({@link TrialProposals}) and end exactly as
 * scored ones ({@link TrialTransitions}): a finished trial never changes, and nothing is recorded twice.
 */
@ApplicationScoped
public class AskTellService {

    private static final Logger LOG = Logger.getLogger(AskTellService.class);

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;
    private final CampaignService campaignService;
    private final TrialProposals proposals;
    private final TrialTransitions transitions;
    private final PrunerRegistry pruners;
    private final PruningRequests pruningRequests;
    private final ControllerClock clock;
    private final int maxReportsPerTrial;

    public AskTellService(CampaignStore campaigns, TrialStore trials, CampaignSpecs specs,
                          CampaignService campaignService, TrialProposals proposals, TrialTransitions transitions,
                          PrunerRegistry pruners, PruningRequests pruningRequests, ControllerClock clock,
                          ControllerConfig config) {
        this.maxReportsPerTrial = config.maxReportsPerTrial();
        this.campaigns = campaigns;
        this.trials = trials;
        this.specs = specs;
        this.campaignService = campaignService;
        this.proposals = proposals;
        this.transitions = transitions;
        this.pruners = pruners;
        this.pruningRequests = pruningRequests;
        this.clock = clock;
    }

    /**
     * Proposes the campaign's next trial with its sampler and stores it RUNNING; the first ask starts the campaign.
     *
     * @throws AskTellConflictException when the budget is spent, {@code maxParallel} trials are pending, or the
     *                                  campaign is not an external one
     * @throws CampaignFinishedException when the campaign has ended
     */
    @Transactional
    public AskResponse ask(String campaignId) {
        CampaignEntity campaign = campaigns.lock(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
        CampaignSpec spec = externalSpec(campaign);
        if (campaign.state.isFinished()) {
            throw new CampaignFinishedException(campaignId, campaign.state);
        }
        TrialSnapshots sofar = trials.snapshot(campaign, spec);
        List<Integer> pending = sofar.pending().stream().map(FrozenTrial::number).toList();
        int maxTrials = spec.budget().maxTrials();
        if (sofar.size() >= maxTrials) {
            throw new AskTellConflictException("the budget is spent: all " + maxTrials + " trials (budget.maxTrials) "
                    + "have been asked for; the campaign completes when the pending ones " + pending + " are told");
        }
        int maxParallel = spec.budget().maxParallel();
        if (pending.size() >= maxParallel) {
            throw new AskTellConflictException(pending.size() + " trials are already pending, the most this campaign "
                    + "runs at once (budget.maxParallel = " + maxParallel + "): trial numbers " + pending + ". Tell "
                    + "their results (or {\"state\": \"FAILED\"} for any you gave up on) before asking for another, "
                    + "or submit the campaign with a larger budget.maxParallel");
        }
        Instant now = clock.now();
        TrialEntity trial = proposals.proposeAndCreate(campaign, spec, sofar, TrialState.RUNNING, now);
        campaignService.markRunning(campaign, now);
        LOG.debugf("campaign %s: asked trial %d: %s", campaignId, trial.number, trial.params);
        return new AskResponse(trial.id, trial.number, JsonColumns.readParams(trial.params));
    }

    /**
     * Records the trial's primary objective (and any other values) at a step, once, and asks the campaign's pruner
     * whether to stop it; when it says so the trial is PRUNED, keeping its last intermediate value (Optuna's rule).
     * Repeating a report with the same values is harmless (a retried request); with other values it is refused.
     */
    @Transactional(dontRollbackOn = TrialCancelledException.class)
    public ReportResponse report(String campaignId, String trialId, JsonNode body) {
        CampaignEntity campaign = campaigns.lock(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
        CampaignSpec spec = externalSpec(campaign);
        TrialEntity trial = trial(campaignId, trialId);
        refuseIfCancelled(campaign, trial, "report");
        ReportRequest report = AskTellRequests.report(body, spec);
        double primaryValue = report.values().get(spec.primaryObjective().metric());
        TrialReportEntity existing = trials.report(trial, report.step()).orElse(null);
        boolean repeated = existing != null && existing.value == primaryValue
                && JsonColumns.readMetrics(existing.metricValues).equals(report.values());
        if (existing != null && !repeated) {
            throw new AskTellConflictException("trial " + trial.number + " already reported step " + report.step()
                    + " with " + existing.metricValues + "; a step is recorded once, report the next step instead");
        }
        if (trial.state.isFinished()) {
            if (repeated && trial.state == TrialState.PRUNED) {
                return new ReportResponse(true); // a retry of the report that pruned it
            }
            throw new AskTellConflictException("trial " + trial.number + " is already "
                    + AskTellRequests.wireName(trial.state) + "; a finished trial takes no more reports");
        }
        if (existing == null && trials.reportCount(trial) >= maxReportsPerTrial) {
            throw new AskTellConflictException("trial " + trial.number + " already has " + maxReportsPerTrial
                    + " intermediate values, the most a trial keeps: report less often, or tell how it ended");
        }
        Instant now = clock.now();
        if (existing == null) {
            trials.recordIntermediate(trial, report.step(), primaryValue, report.values(), now);
        }
        trials.heardFrom(trial, now);
        PrunerSpec prunerSpec = spec.strategy().pruner();
        if (prunerSpec == null || !shouldPrune(campaign, spec, prunerSpec, trial, report.step())) {
            return new ReportResponse(false);
        }
        transitions.prune(new LockedTrial(campaign, trial),
                "pruned at step " + report.step() + " by the " + prunerSpec.type() + " pruner", lastValue(trial), now);
        LOG.debugf("campaign %s: trial %d pruned at step %d", campaignId, trial.number, report.step());
        return new ReportResponse(true);
    }

    /**
     * Ends the trial: COMPLETE with its values (every objective, every constrained metric, any others the user
     * wants kept), FAIL, or PRUNED (by the user's own rule; it keeps its last intermediate value).
     *
     * @throws AskTellConflictException when the trial has already finished (nothing is changed)
     * @throws TrialCancelledException when the trial ended with its campaign's cancellation
     */
    @Transactional(dontRollbackOn = TrialCancelledException.class)
    public TellResponse tell(String campaignId, String trialId, JsonNode body) {
        CampaignEntity campaign = campaigns.lock(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
        CampaignSpec spec = externalSpec(campaign);
        TrialEntity trial = trial(campaignId, trialId);
        refuseIfCancelled(campaign, trial, "tell");
        AskTellRequests.Tell tell = AskTellRequests.tell(body, spec);
        if (trial.state.isFinished()) {
            throw new AskTellConflictException("trial " + trial.number + " is already "
                    + AskTellRequests.wireName(trial.state) + "; a finished trial never changes (nothing was recorded)");
        }
        Instant now = clock.now();
        trials.heardFrom(trial, now);
        LockedTrial locked = new LockedTrial(campaign, trial);
        switch (tell.state()) {
            case COMPLETE -> {
                trials.recordScore(trial, tell.values(), null);
                transitions.complete(locked, tell.values().get(spec.primaryObjective().metric()), now);
            }
            case PRUNED -> {
                TrialReportEntity last = trials.latestReport(trial).orElse(null);
                transitions.prune(locked, tell.reason() != null ? tell.reason()
                                : "pruned by the client" + (last == null ? "" : " after step " + last.step),
                        last == null ? null : last.value, now);
            }
            default -> transitions.fail(locked, tell.reason() != null ? tell.reason() : "failed (told by the client)", now);
        }
        return new TellResponse(trial.id, trial.number, trial.state, campaign.state);
    }

    /**
     * Refuses a report or tell on a trial its campaign's cancellation ended, whatever the body says: the client should
     * stop evaluating it. A trial still RUNNING in a cancelled campaign (asked before cancellations ended asked
     * trials) is ended now, so that it does not stay RUNNING forever.
     */
    private void refuseIfCancelled(CampaignEntity campaign, TrialEntity trial, String call) {
        if (campaign.state != CampaignState.CANCELLED) {
            return;
        }
        if (!trial.state.isFinished()) {
            transitions.fail(new LockedTrial(campaign, trial), CampaignService.CANCELLED_REASON, clock.now());
        } else if (!CampaignService.CANCELLED_REASON.equals(trial.failureReason)) {
            return; // it had ended before: the usual answers apply
        }
        throw new TrialCancelledException("campaign '" + campaign.id + "' was cancelled, and trial " + trial.number
                + " ended with it (FAILED: " + CampaignService.CANCELLED_REASON + "); it takes no " + call
                + " (nothing was recorded). Stop evaluating it");
    }

    private boolean shouldPrune(CampaignEntity campaign, CampaignSpec spec, PrunerSpec prunerSpec, TrialEntity trial,
                                int step) {
        Pruner pruner = pruners.find(prunerSpec.type()).orElse(null);
        if (pruner == null) {
            // Submission checks the type; only a controller downgraded since could lack it.
            LOG.warnf("campaign %s: pruner '%s' is not available in this controller; trial %d continues",
                    campaign.id, prunerSpec.type(), trial.number);
            return false;
        }
        return pruner.shouldPrune(pruningRequests.of(campaign, spec, trial, step));
    }

    /** The spec of an external campaign; a pipeline campaign's trials are the workers' and the evaluator's. */
    private CampaignSpec externalSpec(CampaignEntity campaign) {
        CampaignSpec spec = specs.of(campaign);
        if (!spec.isExternal()) {
            throw new AskTellConflictException("campaign '" + campaign.id + "' is evaluated by the pipeline: workers "
                    + "train its trials and the evaluator scores them. Ask/tell serves campaigns submitted with "
                    + "\"evaluation\": \"external\"");
        }
        return spec;
    }

    private TrialEntity trial(String campaignId, String trialId) {
        return trials.find(campaignId, trialId).orElseThrow(() -> new TrialNotFoundException(campaignId, trialId));
    }

    /** Its last intermediate value: what a pruned trial keeps (Optuna's rule). */
    private Double lastValue(TrialEntity trial) {
        return trials.latestReport(trial).map(r -> r.value).orElse(null);
    }
}
