package io.paretune.controller.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.api.CampaignState;
import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.config.ControllerClock;
import io.paretune.controller.config.ControllerConfig;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.pruning.PrunerRegistry;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplerRegistry;
import io.paretune.controller.selection.BestTrial;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A campaign's life: submitted PENDING, RUNNING from its first dispatched trial, and then COMPLETED (all its trials
 * finished, at least one COMPLETE), FAILED (none COMPLETE) or CANCELLED. It decides; {@link CampaignStore} and
 * {@link TrialStore} record. Methods that take a {@link CampaignEntity} expect the caller to hold its lock
 * ({@link CampaignStore#lock}).
 */
@ApplicationScoped
public class CampaignService {

    private static final Logger LOG = Logger.getLogger(CampaignService.class);
    public static final String CANCELLED_REASON = CampaignControl.CANCELLED_REASON;
    /** Drawn seeds stay below 2^53 so that JSON readers that hold numbers as doubles see them exactly. */
    private static final long SEED_MASK = (1L << 53) - 1;

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;
    private final CampaignSpecParser parser;
    private final SamplerRegistry samplers;
    private final PrunerRegistry pruners;
    private final ControllerClock clock;
    private final QuotaConfig quota;
    private final SecureRandom seeds = new SecureRandom();

    public CampaignService(CampaignStore campaigns, TrialStore trials, CampaignSpecs specs, SamplerRegistry samplers,
                           PrunerRegistry pruners, ControllerClock clock, ControllerConfig config, QuotaConfig quota) {
        this.quota = quota;
        this.campaigns = campaigns;
        this.trials = trials;
        this.specs = specs;
        this.parser = new CampaignSpecParser(samplers.names(), config.workerMemoryBudgetMb() * 1_000_000L);
        this.samplers = samplers;
        this.pruners = pruners;
        this.clock = clock;
    }

    /**
     * Validates and stores a campaign of {@code owner}, PENDING; the seed is the spec's or one drawn now, and is
     * stored either way so that the campaign can be replayed.
     *
     * @throws InvalidCampaignSpecException naming every bad field
     */
    @Transactional
    public CampaignEntity submit(JsonNode json, String owner) {
        CampaignSpecParser.Parsed parsed = parser.parse(json);
        if (!parsed.isValid()) {
            throw new InvalidCampaignSpecException(parsed.errors());
        }
        CampaignSpec spec = parsed.spec();
        List<FieldError> strategyErrors = strategyErrors(spec);
        if (!strategyErrors.isEmpty()) {
            throw new InvalidCampaignSpecException(strategyErrors);
        }
        OwnerQuotas.check(quota, owner, campaigns.activeOf(owner).stream().map(c -> specs.of(c).budget()).toList(),
                spec.budget());
        long seed = spec.strategy().seed() != null ? spec.strategy().seed() : seeds.nextLong() & SEED_MASK;
        CampaignEntity campaign = campaigns.create(spec.withSeed(seed), owner, clock.now());
        LOG.infof("campaign %s '%s' submitted by %s: %d trials, %d in parallel, sampler %s, seed %d", campaign.id,
                campaign.name, owner, spec.budget().maxTrials(), spec.budget().maxParallel(), campaign.sampler, seed);
        return campaign;
    }

    /** What the chosen sampler and pruner say about the spec: options they do not take, combinations they refuse. */
    private List<FieldError> strategyErrors(CampaignSpec spec) {
        Sampler sampler = samplers.get(spec.strategy().sampler());
        List<FieldError> errors = new ArrayList<>(sampler.checkOptions(spec.strategy().options(), spec.objectives().size()));
        if (errors.isEmpty()) {
            errors.addAll(sampler.checkSearchSpace(spec.searchSpace(), spec.strategy().options()));
        }
        PrunerSpec pruner = spec.strategy().pruner();
        if (pruner != null) {
            pruners.find(pruner.type()).ifPresentOrElse(p -> errors.addAll(p.check(spec)),
                    () -> errors.add(new FieldError("strategy.pruner.type", "pruner '" + pruner.type()
                            + "' is not available in this controller; available: " + pruners.types())));
        }
        return errors;
    }

    @Transactional
    public CampaignEntity get(String id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    /**
     * Cancels a PENDING or RUNNING campaign. Its WAITING trials fail with "campaign cancelled" (messages that come for
     * them later are recorded but never revive them). A pipeline campaign's workers are told after the commit (the
     * reconcile loop publishes a {@link CampaignControl}): they drop its queued jobs and stop the trials they train,
     * which then fail with the same reason; a trial already trained still gets its score. An external campaign's
     * asked trials have nobody else to end them, so they fail here, and a later tell or report on them is refused.
     *
     * @throws CampaignFinishedException when the campaign has already ended
     */
    @Transactional
    public CampaignEntity cancel(String id) {
        CampaignEntity campaign = campaigns.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
        if (campaign.state.isFinished()) {
            throw new CampaignFinishedException(id, campaign.state);
        }
        Instant now = clock.now();
        boolean external = specs.of(campaign).isExternal();
        campaigns.cancel(campaign, "cancelled by request", !external, now);
        for (TrialEntity trial : trials.forCampaign(id)) {
            if (trial.state == TrialState.WAITING || (external && trial.state == TrialState.RUNNING)) {
                trials.fail(trial, CANCELLED_REASON, now);
            }
        }
        LOG.infof("campaign %s cancelled", id);
        return campaign;
    }

    /** The cancellations workers have not been told yet, as the records that tell them. */
    @Transactional
    public List<CampaignControl> unpublishedCancels() {
        return campaigns.cancelsUnpublished().stream()
                .map(c -> CampaignControl.cancelled(c.id, c.finishedAt)).toList();
    }

    /** Notes that the broker has the campaign's cancellation. */
    @Transactional
    public void cancelPublished(String id) {
        campaigns.lock(id).ifPresent(campaigns::cancelPublished);
    }

    /** PENDING → RUNNING once a first trial has been dispatched (or asked for). */
    public void markRunning(CampaignEntity campaign, Instant now) {
        if (campaigns.markRunning(campaign, now)) {
            LOG.infof("campaign %s running", campaign.id);
        }
    }

    /**
     * Ends a running campaign whose budget is spent and whose trials have all finished: COMPLETED when at least one
     * is COMPLETE, FAILED otherwise. Returns true when it ended it.
     */
    public boolean completeIfDone(CampaignEntity campaign, Instant now) {
        if (campaign.state.isFinished()) {
            return false;
        }
        CampaignSpec spec = specs.of(campaign);
        Map<TrialState, Long> counts = trials.countByState(campaign.id);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long active = counts.get(TrialState.WAITING) + counts.get(TrialState.RUNNING);
        if (total < spec.budget().maxTrials() || active > 0) {
            return false;
        }
        if (counts.get(TrialState.COMPLETE) > 0) {
            campaigns.end(campaign, CampaignState.COMPLETED, null, now);
        } else {
            campaigns.end(campaign, CampaignState.FAILED, "no trial completed: " + counts.get(TrialState.FAIL)
                    + " failed, " + counts.get(TrialState.PRUNED) + " pruned of " + total, now);
        }
        LOG.infof("campaign %s %s%s", campaign.id, campaign.state, campaign.reason == null ? "" : ": " + campaign.reason);
        return true;
    }

    /**
     * After one of its trials ended: makes it the campaign's best when it beats the best so far, and ends the
     * campaign when that was its last trial.
     */
    public void trialEnded(CampaignEntity campaign, TrialEntity trial, Instant now) {
        considerBest(campaign, trial, now);
        completeIfDone(campaign, now);
    }

    /**
     * Makes a newly COMPLETE trial the campaign's best when it beats the current best: feasible first, then by the
     * primary objective (see {@link BestTrial}).
     */
    private void considerBest(CampaignEntity campaign, TrialEntity trial, Instant now) {
        if (trial.state != TrialState.COMPLETE || trial.primaryValue == null) {
            return;
        }
        CampaignSpec spec = specs.of(campaign);
        TrialEntity best = campaign.bestTrialId == null ? null : trials.find(campaign.bestTrialId).orElse(null);
        if (best == null || best.primaryValue == null
                || BestTrial.beats(spec.primaryObjective().direction(), candidate(trial, spec), candidate(best, spec))) {
            campaigns.setBest(campaign, trial.id, now);
        }
    }

    private static BestTrial.Candidate candidate(TrialEntity trial, CampaignSpec spec) {
        double violation = BestTrial.totalViolation(spec.constraints(), JsonColumns.readMetrics(trial.metrics));
        return new BestTrial.Candidate(trial.number, trial.primaryValue, violation);
    }
}
