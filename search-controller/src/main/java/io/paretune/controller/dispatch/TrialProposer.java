package io.paretune.controller.dispatch;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.campaign.CampaignSpecs;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.CampaignRepository;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialReportRepository;
import io.paretune.controller.persistence.TrialRepository;
import io.paretune.controller.pruning.SegmentPlanner;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.SamplerRegistry;
import io.paretune.controller.search.SamplingRequest;
import io.paretune.controller.search.Seeds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The database side of dispatch, each step its own transaction under the campaign lock: propose and store the next
 * trial (WAITING, not yet dispatched, its first segment planned), list trials whose job (of their current segment)
 * still has to go out, and note that the broker took one.
 */
@ApplicationScoped
public class TrialProposer {

    private final CampaignRepository campaigns;
    private final TrialRepository trials;
    private final CampaignSpecs specs;
    private final TrialReportRepository reports;
    private final SamplerRegistry samplers;
    private final CampaignService campaignService;
    private final SegmentPlanner segments;

    public TrialProposer(CampaignRepository campaigns, TrialRepository trials, TrialReportRepository reports,
                         CampaignSpecs specs, SamplerRegistry samplers, CampaignService campaignService,
                         SegmentPlanner segments) {
        this.campaigns = campaigns;
        this.trials = trials;
        this.reports = reports;
        this.specs = specs;
        this.samplers = samplers;
        this.campaignService = campaignService;
        this.segments = segments;
    }

    /**
     * Asks the campaign's sampler for trial number {@code total} and stores it WAITING, when fewer than
     * {@code maxParallel} trials are active and fewer than {@code maxTrials} exist; empty otherwise.
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
        List<TrialEntity> all = trials.forCampaign(campaignId);
        long active = all.stream().filter(t -> !t.state.isFinished()).count();
        if (active >= spec.budget().maxParallel() || all.size() >= spec.budget().maxTrials()) {
            return Optional.empty();
        }
        TrialEntity trial = proposeAndStore(campaign, spec, all, TrialState.WAITING, Instant.now());
        return Optional.of(job(campaign, spec, trial));
    }

    /**
     * Asks the campaign's sampler for trial number {@code all.size()}, from every trial so far (finished ones with
     * their values, pending ones so that it does not propose them again) and their intermediate values, and stores
     * it in {@code state}: the one way trials are proposed, for dispatch (WAITING) and for ask/tell (RUNNING). The
     * caller holds the campaign lock and has checked the budget.
     *
     * @param all every trial of the campaign, by number
     */
    public TrialEntity proposeAndStore(CampaignEntity campaign, CampaignSpec spec, List<TrialEntity> all,
                                       TrialState state, Instant now) {
        List<FrozenTrial> finished = new ArrayList<>();
        List<FrozenTrial> pending = new ArrayList<>();
        Map<String, SortedMap<Integer, Double>> intermediate = reports.forCampaign(campaign.id);
        for (TrialEntity t : all) {
            (t.state.isFinished() ? finished : pending).add(freeze(t, spec, intermediate.get(t.id)));
        }
        int number = all.size();
        Map<String, Object> params = samplers.get(campaign.sampler).sample(new SamplingRequest(spec.searchSpace(),
                spec.objectives(), spec.constraints(), spec.strategy().options(), campaign.seed, number, finished, pending));

        TrialEntity trial = new TrialEntity();
        trial.id = UUID.randomUUID().toString();
        trial.campaignId = campaign.id;
        trial.number = number;
        trial.params = JsonColumns.writeParams(params);
        trial.state = state;
        trial.createdAt = now;
        if (!spec.isExternal()) { // ask/tell trials are trained by the user, step by step: no segments
            trial.lastEpoch = SegmentPlanner.lastEpoch(spec, params);
            trial.segmentStopEpoch = segments.firstStop(campaign, spec, trial);
        }
        trials.persist(trial);
        return trial;
    }

    /**
     * Jobs of WAITING trials the broker never acknowledged: the controller stopped between storing and sending, or
     * the trial's next segment was just queued after a checkpoint.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<TrialJob> undispatched(String campaignId) {
        CampaignEntity campaign = campaigns.findById(campaignId);
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
        TrialEntity trial = trials.findById(job.trialId());
        Instant now = Instant.now();
        if (trial.segment != job.segment()) {
            return; // the segment was trained and the next one queued meanwhile: that one still has to go out
        }
        trial.dispatched = true;
        if (trial.dispatchedAt == null) {
            trial.dispatchedAt = now;
        }
        if (!campaign.state.isFinished()) {
            campaignService.markRunning(campaign, now);
        }
    }

    /** Whether a job may (still) go out: its trial is WAITING for that segment. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean stillWaiting(TrialJob job) {
        TrialEntity trial = trials.findById(job.trialId());
        return trial != null && trial.state == TrialState.WAITING && trial.segment == job.segment();
    }

    /** Ends the campaign when its budget is spent and every trial has finished. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeIfDone(String campaignId) {
        campaigns.lock(campaignId).ifPresent(c -> campaignService.completeIfDone(c, Instant.now()));
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

    /**
     * The trial as samplers and pruners see it: objective values and constraint violations once COMPLETE, and its
     * intermediate values (null: none).
     */
    public static FrozenTrial freeze(TrialEntity t, CampaignSpec spec, SortedMap<Integer, Double> intermediate) {
        List<Double> values = new ArrayList<>();
        List<Double> violations = new ArrayList<>();
        if (t.state == TrialState.COMPLETE) {
            Map<String, Double> metrics = JsonColumns.readMetrics(t.metrics);
            spec.objectives().forEach(o -> values.add(metrics.get(o.metric())));
            spec.constraints().forEach(c -> violations.add(c.violation(metrics.get(c.metric()))));
        }
        return new FrozenTrial(t.number, JsonColumns.readParams(t.params), t.state, values, violations, intermediate);
    }
}
