package io.paretune.controller.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.api.CampaignState;
import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.CampaignRepository;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialRepository;
import io.paretune.controller.pruning.PrunerRegistry;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplerRegistry;
import io.paretune.controller.trial.TrialTransitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign's life: submitted PENDING, RUNNING from its first dispatched trial, and then COMPLETED (all its trials
 * finished, at least one COMPLETE), FAILED (none COMPLETE) or CANCELLED. Methods that take a {@link CampaignEntity}
 * expect the caller to hold its lock ({@link CampaignRepository#lock}).
 */
@ApplicationScoped
public class CampaignService {

    private static final Logger LOG = Logger.getLogger(CampaignService.class);
    public static final String CANCELLED_REASON = CampaignControl.CANCELLED_REASON;
    /** Drawn seeds stay below 2^53 so that JSON readers that hold numbers as doubles see them exactly. */
    private static final long SEED_MASK = (1L << 53) - 1;

    private final CampaignRepository campaigns;
    private final TrialRepository trials;
    private final CampaignSpecs specs;
    private final TrialTransitions transitions;
    private final Event<CampaignSubmitted> submitted;
    private final Event<CampaignCancelled> cancelled;
    private final CampaignSpecParser parser;
    private final SamplerRegistry samplers;
    private final PrunerRegistry pruners;
    private final SecureRandom seeds = new SecureRandom();

    public CampaignService(CampaignRepository campaigns, TrialRepository trials, CampaignSpecs specs,
                           TrialTransitions transitions, Event<CampaignSubmitted> submitted,
                           Event<CampaignCancelled> cancelled, SamplerRegistry samplers, PrunerRegistry pruners) {
        this.campaigns = campaigns;
        this.trials = trials;
        this.specs = specs;
        this.transitions = transitions;
        this.submitted = submitted;
        this.cancelled = cancelled;
        this.parser = new CampaignSpecParser(samplers.names());
        this.samplers = samplers;
        this.pruners = pruners;
    }

    /**
     * Validates and stores a campaign, PENDING; the seed is the spec's or one drawn now, and is stored either way
     * so that the campaign can be replayed.
     *
     * @throws InvalidCampaignSpecException naming every bad field
     */
    @Transactional
    public CampaignEntity submit(JsonNode json) {
        CampaignSpecParser.Parsed parsed = parser.parse(json);
        if (!parsed.isValid()) {
            throw new InvalidCampaignSpecException(parsed.errors());
        }
        CampaignSpec spec = parsed.spec();
        List<FieldError> strategyErrors = strategyErrors(spec);
        if (!strategyErrors.isEmpty()) {
            throw new InvalidCampaignSpecException(strategyErrors);
        }
        long seed = spec.strategy().seed() != null ? spec.strategy().seed() : seeds.nextLong() & SEED_MASK;
        spec = spec.withSeed(seed);

        Instant now = Instant.now();
        CampaignEntity campaign = new CampaignEntity();
        campaign.id = UUID.randomUUID().toString();
        campaign.name = spec.name();
        campaign.spec = CampaignSpecs.write(spec);
        campaign.state = CampaignState.PENDING;
        campaign.seed = seed;
        campaign.sampler = spec.strategy().sampler();
        campaign.createdAt = now;
        campaign.updatedAt = now;
        campaigns.persist(campaign);
        LOG.infof("campaign %s '%s' submitted: %d trials, %d in parallel, sampler %s, seed %d", campaign.id, campaign.name,
                spec.budget().maxTrials(), spec.budget().maxParallel(), campaign.sampler, seed);
        submitted.fire(new CampaignSubmitted(campaign.id));
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
        return campaigns.findByIdOptional(id).orElseThrow(() -> new CampaignNotFoundException(id));
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
        Instant now = Instant.now();
        campaign.state = CampaignState.CANCELLED;
        campaign.reason = "cancelled by request";
        campaign.finishedAt = now;
        campaign.updatedAt = now;
        boolean external = specs.of(campaign).isExternal();
        for (TrialEntity trial : trials.forCampaign(id)) {
            if (trial.state == TrialState.WAITING || (external && trial.state == TrialState.RUNNING)) {
                transitions.finish(trial, TrialState.FAIL, CANCELLED_REASON, now);
            }
        }
        if (!external) {
            campaign.cancelUnpublished = true;
            cancelled.fire(new CampaignCancelled(id));
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
        campaigns.lock(id).ifPresent(c -> c.cancelUnpublished = false);
    }

    /** PENDING → RUNNING once a first trial has been dispatched. */
    public void markRunning(CampaignEntity campaign, Instant now) {
        if (campaign.state == CampaignState.PENDING) {
            campaign.state = CampaignState.RUNNING;
            campaign.updatedAt = now;
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
            campaign.state = CampaignState.COMPLETED;
        } else {
            campaign.state = CampaignState.FAILED;
            campaign.reason = "no trial completed: " + counts.get(TrialState.FAIL) + " failed, "
                    + counts.get(TrialState.PRUNED) + " pruned of " + total;
        }
        campaign.finishedAt = now;
        campaign.updatedAt = now;
        LOG.infof("campaign %s %s%s", campaign.id, campaign.state, campaign.reason == null ? "" : ": " + campaign.reason);
        return true;
    }

    /**
     * Makes a newly COMPLETE trial the campaign's best when it beats the current best: feasible first, then by the
     * primary objective (see {@link BestTrial}).
     */
    public void considerBest(CampaignEntity campaign, TrialEntity trial) {
        if (trial.state != TrialState.COMPLETE || trial.primaryValue == null) {
            return;
        }
        CampaignSpec spec = specs.of(campaign);
        TrialEntity best = campaign.bestTrialId == null ? null : trials.findById(campaign.bestTrialId);
        if (best == null || best.primaryValue == null
                || BestTrial.beats(spec.primaryObjective().direction(), candidate(trial, spec), candidate(best, spec))) {
            campaign.bestTrialId = trial.id;
            campaign.updatedAt = Instant.now();
        }
    }

    private static BestTrial.Candidate candidate(TrialEntity trial, CampaignSpec spec) {
        double violation = BestTrial.totalViolation(spec.constraints(), JsonColumns.readMetrics(trial.metrics));
        return new BestTrial.Candidate(trial.number, trial.primaryValue, violation);
    }
}
