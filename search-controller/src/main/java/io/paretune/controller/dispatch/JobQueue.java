package io.paretune.controller.dispatch;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.config.ControllerClock;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.search.Seeds;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.TrialStore;
import io.paretune.controller.trial.TrialProposals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database side of dispatch, each step its own transaction under the campaign lock: propose and store the next
 * trial (WAITING, not yet dispatched, its first segment planned), list trials whose job (of their current segment)
 * still has to go out, and note that the broker took one.
 */
@ApplicationScoped
public class JobQueue {

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;
    private final TrialProposals proposals;
    private final CampaignService campaignService;
    private final ControllerClock clock;

    public JobQueue(CampaignStore campaigns, TrialStore trials, CampaignSpecs specs, TrialProposals proposals,
                    CampaignService campaignService, ControllerClock clock) {
        this.campaigns = campaigns;
        this.trials = trials;
        this.specs = specs;
        this.proposals = proposals;
        this.campaignService = campaignService;
        this.clock = clock;
    }

    /**
     * Proposes the campaign's next trial and stores it WAITING, when fewer than {@code maxParallel} trials are active
     * and fewer than {@code maxTrials} exist; empty otherwise.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<TrialJob> proposeNext(String campaignId) {
        CampaignEntity campaign = campaigns.lock(campaignId).orElse(null);
        if (campaign == null || campaign.state.isFinished()) {
            return Optional.empty();
        }
        CampaignSpec spec = specs.of(campaign);
        if (spec.isExternal()) {
            return Optional.empty(); // its trials are asked for over the API, never dispatched
        }
        Map<TrialState, Long> counts = trials.countByState(campaignId);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long active = counts.get(TrialState.WAITING) + counts.get(TrialState.RUNNING);
        if (active >= spec.budget().maxParallel() || total >= spec.budget().maxTrials()) {
            return Optional.empty();
        }
        TrialEntity trial = proposals.proposeAndCreate(campaign, spec, TrialState.WAITING, clock.now());
        return Optional.of(job(campaign, spec, trial));
    }

    /**
     * Jobs of WAITING trials the broker never acknowledged: the controller stopped between storing and sending, or
     * the trial's next segment was just queued after a checkpoint.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<TrialJob> undispatched(String campaignId) {
        CampaignEntity campaign = campaigns.find(campaignId).orElse(null);
        if (campaign == null || campaign.state.isFinished()) {
            return List.of();
        }
        CampaignSpec spec = specs.of(campaign);
        if (spec.isExternal()) {
            return List.of();
        }
        return trials.undispatched(campaignId).stream().map(t -> job(campaign, spec, t)).toList();
    }

    /** Notes that the broker acknowledged the trial's job; the campaign is RUNNING from its first one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markDispatched(TrialJob job) {
        CampaignEntity campaign = campaigns.lock(job.campaignId()).orElseThrow();
        TrialEntity trial = trials.find(job.trialId()).orElseThrow();
        if (trial.segment != job.segment()) {
            return; // the segment was trained and the next one queued meanwhile: that one still has to go out
        }
        Instant now = clock.now();
        trials.markDispatched(trial, now);
        if (!campaign.state.isFinished()) {
            campaignService.markRunning(campaign, now);
        }
    }

    /** Whether a job may (still) go out: its trial is WAITING for that segment. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean stillWaiting(TrialJob job) {
        return trials.find(job.trialId())
                .filter(t -> t.state == TrialState.WAITING && t.segment == job.segment())
                .isPresent();
    }

    /** Ends the campaign when its budget is spent and every trial has finished. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeIfDone(String campaignId) {
        campaigns.lock(campaignId).ifPresent(c -> campaignService.completeIfDone(c, clock.now()));
    }

    /**
     * The job of the trial's current segment (the whole trial when it has one segment), for the attempt after the
     * last one a worker reported.
     */
    static TrialJob job(CampaignEntity campaign, CampaignSpec spec, TrialEntity trial) {
        int maxEpochs = spec.budget().maxEpochsPerTrial();
        return new TrialJob(Message.CURRENT_SCHEMA_VERSION, campaign.id, trial.id, trial.number, spec.modelFamily(),
                JsonColumns.readParams(trial.params), spec.dataset(), maxEpochs, spec.earlyStopping().patience(),
                Seeds.trialSeed(campaign.seed, trial.number), trial.createdAt, trial.segmentStartEpoch,
                trial.segmentStopEpoch != null ? trial.segmentStopEpoch : maxEpochs,
                trial.segment > 0 ? trial.checkpointPath : null, trial.segment, trial.attempt + 1);
    }
}
