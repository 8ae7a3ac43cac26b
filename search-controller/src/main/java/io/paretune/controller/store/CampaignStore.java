package io.paretune.controller.store;

import io.paretune.contract.api.CampaignState;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.CampaignRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one writer of campaigns: a campaign's state, best trial and cancellation flags change only through these
 * verbs; {@code CampaignService} decides when. Every transaction that changes a campaign or its trials takes the
 * campaign's lock first ({@link #lock}), so the dispatcher, the consumer and the REST API change a campaign one
 * after another, never over each other.
 *
 * <pre>{@code
 * CampaignEntity campaign = store.create(spec, now);     // PENDING
 * store.lock(campaign.id).ifPresent(c -> store.markRunning(c, now));
 * }</pre>
 */
@ApplicationScoped
public class CampaignStore {

    private final CampaignRepository campaigns;
    /** Owners by campaign id: set at submission and never changed, so a cache, not state. */
    private final Map<String, CampaignRepository.Ownership> owners = new ConcurrentHashMap<>();
    private final Event<CampaignSubmitted> submitted;
    private final Event<CampaignCancelled> cancelled;

    public CampaignStore(CampaignRepository campaigns, Event<CampaignSubmitted> submitted,
                         Event<CampaignCancelled> cancelled) {
        this.campaigns = campaigns;
        this.submitted = submitted;
        this.cancelled = cancelled;
    }

    /** Stores a validated campaign of {@code owner}, PENDING; its spec carries its seed. */
    public CampaignEntity create(CampaignSpec spec, String owner, Instant now) {
        CampaignEntity campaign = new CampaignEntity();
        campaign.id = UUID.randomUUID().toString();
        campaign.owner = owner;
        campaign.name = spec.name();
        campaign.spec = CampaignSpecs.write(spec);
        campaign.state = CampaignState.PENDING;
        campaign.seed = spec.strategy().seed();
        campaign.sampler = spec.strategy().sampler();
        campaign.createdAt = now;
        campaign.updatedAt = now;
        campaigns.persist(campaign);
        submitted.fire(new CampaignSubmitted(campaign.id));
        return campaign;
    }

    /** The campaign, locked until the transaction ends ({@code SELECT ... FOR UPDATE}). */
    public Optional<CampaignEntity> lock(String id) {
        return campaigns.lock(id);
    }

    /**
     * Who owns the campaign, asked on every request that names one: read once, then from memory. Empty when there is
     * no campaign with that id.
     */
    public Optional<CampaignRepository.Ownership> ownership(String id) {
        CampaignRepository.Ownership known = owners.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<CampaignRepository.Ownership> found = campaigns.ownership(id);
        found.ifPresent(o -> owners.put(id, o));
        return found;
    }

    public Optional<CampaignEntity> find(String id) {
        return campaigns.findByIdOptional(id);
    }

    /** PENDING → RUNNING; a campaign in any other state is left as it is. */
    public boolean markRunning(CampaignEntity campaign, Instant now) {
        if (campaign.state != CampaignState.PENDING) {
            return false;
        }
        campaign.state = CampaignState.RUNNING;
        campaign.updatedAt = now;
        return true;
    }

    /** Ends the campaign COMPLETED or FAILED ({@code reason}: why it failed). */
    public void end(CampaignEntity campaign, CampaignState state, String reason, Instant now) {
        if (state != CampaignState.COMPLETED && state != CampaignState.FAILED) {
            throw new IllegalArgumentException(state + " is not how a campaign ends by itself");
        }
        campaign.state = state;
        campaign.reason = reason;
        campaign.finishedAt = now;
        campaign.updatedAt = now;
    }

    /**
     * CANCELLED; when {@code tellWorkers}, the workers are told after the commit (the flag stays until the broker has
     * the campaign's cancellation, {@link #cancelPublished}).
     */
    public void cancel(CampaignEntity campaign, String reason, boolean tellWorkers, Instant now) {
        campaign.state = CampaignState.CANCELLED;
        campaign.reason = reason;
        campaign.finishedAt = now;
        campaign.updatedAt = now;
        if (tellWorkers) {
            campaign.cancelUnpublished = true;
            cancelled.fire(new CampaignCancelled(campaign.id));
        }
    }

    /** The broker has the campaign's cancellation. */
    public void cancelPublished(CampaignEntity campaign) {
        campaign.cancelUnpublished = false;
    }

    /** Makes {@code trialId} the campaign's best trial. */
    public void setBest(CampaignEntity campaign, String trialId, Instant now) {
        campaign.bestTrialId = trialId;
        campaign.updatedAt = now;
    }

    /** Ids of the campaigns that still want trials or results (PENDING, RUNNING), oldest first. */
    public List<String> activeIds() {
        return campaigns.activeIds();
    }

    /** Cancelled campaigns whose cancellation the workers have not been told yet, oldest cancellation first. */
    public List<CampaignEntity> cancelsUnpublished() {
        return campaigns.cancelsUnpublished();
    }

    public List<CampaignEntity> newestFirst() {
        return campaigns.newestFirst();
    }

    /** One page of the campaigns, newest first: every one, or those of {@code owner}. */
    public List<CampaignEntity> newestFirst(String owner, int offset, int limit) {
        return campaigns.newestFirst(owner, offset, limit);
    }

    /** The campaigns of {@code owner} still running or waiting to. */
    public List<CampaignEntity> activeOf(String owner) {
        return campaigns.activeOf(owner);
    }

    /** How many campaigns there are, or how many {@code owner} has. */
    public long count(String owner) {
        return campaigns.count(owner);
    }

    /** How many campaigns are in each state, zeros included. */
    public Map<CampaignState, Long> countByState() {
        return campaigns.countByState();
    }
}
