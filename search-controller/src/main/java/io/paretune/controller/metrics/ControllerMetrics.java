package io.paretune.controller.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.paretune.contract.api.CampaignState;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.EpochBudget;
import io.paretune.controller.store.TrialEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller's meters. Gauges hold what the reconcile loop last read from the database (so they are right after
 * a restart too); the trial-duration timer counts what happened in this process.
 * <ul>
 *   <li>{@code paretune.trials{state}}: trials over all campaigns by state</li>
 *   <li>{@code paretune.campaigns{state}}: campaigns by state</li>
 *   <li>{@code paretune.queue.depth}: dispatched trial jobs no worker has started yet</li>
 *   <li>{@code paretune.trial.duration{state}}: from dispatch to the end of a trial</li>
 *   <li>{@code paretune.reconcile.pass}: how long each pass of the reconcile loop took (its count: how many ran)</li>
 *   <li>{@code paretune.campaign.best.primary{campaign,metric}}: the best trial's primary objective value</li>
 *   <li>{@code paretune.campaign.epochs{campaign,kind}}: epochs a campaign's trials trained ({@code used}) and those
 *       pruning saved versus full fidelity ({@code saved})</li>
 *   <li>{@code paretune.campaign.front.size{campaign}}: trials on the Pareto front (feasible ones; all when none is)</li>
 *   <li>{@code paretune.campaign.hypervolume{campaign}}: the front's hypervolume in normalized objectives (reference
 *       1.1 in each; NaN while there is no front or it is too large to measure)</li>
 *   <li>{@code paretune.campaign.best.feasible.primary{campaign,metric}}: the best primary value among the trials
 *       that meet every constraint (NaN while none does)</li>
 * </ul>
 * The dead-letter counter ({@code paretune.messages.dead.lettered{service,topic}}) is shared/kafka's
 * {@code DeadLetterPublisher}'s.
 */
@ApplicationScoped
public class ControllerMetrics {

    public static final String TRIALS = "paretune.trials";
    public static final String CAMPAIGNS = "paretune.campaigns";
    public static final String QUEUE_DEPTH = "paretune.queue.depth";
    public static final String TRIAL_DURATION = "paretune.trial.duration";
    public static final String RECONCILE_PASS = "paretune.reconcile.pass";
    public static final String BEST_PRIMARY = "paretune.campaign.best.primary";
    public static final String CAMPAIGN_EPOCHS = "paretune.campaign.epochs";
    public static final String FRONT_SIZE = "paretune.campaign.front.size";
    public static final String HYPERVOLUME = "paretune.campaign.hypervolume";
    public static final String BEST_FEASIBLE_PRIMARY = "paretune.campaign.best.feasible.primary";

    private final MeterRegistry registry;
    private final Map<TrialState, AtomicLong> trials = new EnumMap<>(TrialState.class);
    private final Map<CampaignState, AtomicLong> campaigns = new EnumMap<>(CampaignState.class);
    private final AtomicLong queueDepth = new AtomicLong();
    private final Map<TrialState, Timer> durations = new EnumMap<>(TrialState.class);
    private final Timer reconcilePasses;
    private final Map<String, AtomicReference<Double>> best = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> epochsUsed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> epochsSaved = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> frontSizes = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> hypervolumes = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> bestFeasible = new ConcurrentHashMap<>();

    public ControllerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (TrialState state : TrialState.values()) {
            AtomicLong value = new AtomicLong();
            trials.put(state, value);
            Gauge.builder(TRIALS, value, AtomicLong::get).description("Trials over all campaigns, by state")
                    .tag("state", state.name()).register(registry);
            if (state.isFinished()) {
                durations.put(state, Timer.builder(TRIAL_DURATION).description("Time from dispatch to the end of a trial")
                        .tag("state", state.name()).register(registry));
            }
        }
        for (CampaignState state : CampaignState.values()) {
            AtomicLong value = new AtomicLong();
            campaigns.put(state, value);
            Gauge.builder(CAMPAIGNS, value, AtomicLong::get).description("Campaigns, by state")
                    .tag("state", state.name()).register(registry);
        }
        Gauge.builder(QUEUE_DEPTH, queueDepth, AtomicLong::get)
                .description("Trial jobs dispatched and not yet started by a worker").register(registry);
        reconcilePasses = Timer.builder(RECONCILE_PASS).description("Time a pass of the reconcile loop took")
                .register(registry);
    }

    /** A reconcile pass ended after {@code nanos}. */
    public void passTook(long nanos) {
        reconcilePasses.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** What the reconcile loop read from the database. */
    public void refresh(Map<TrialState, Long> trialCounts, Map<CampaignState, Long> campaignCounts, long queued,
                        Map<String, BestValue> bestValues, Map<String, EpochBudget> epochBudgets) {
        epochBudgets.forEach((campaignId, budget) -> {
            epochGauge(epochsUsed, campaignId, "used").set(budget.used());
            epochGauge(epochsSaved, campaignId, "saved").set(budget.saved());
        });
        trialCounts.forEach((state, count) -> trials.get(state).set(count));
        campaignCounts.forEach((state, count) -> campaigns.get(state).set(count));
        queueDepth.set(queued);
        bestValues.forEach((campaignId, value) -> best.computeIfAbsent(campaignId, id -> {
            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
            Gauge.builder(BEST_PRIMARY, holder, AtomicReference::get)
                    .description("Primary objective value of a campaign's best trial")
                    .tags("campaign", id, "metric", value.metric()).strongReference(true).register(registry);
            return holder;
        }).set(value.value()));
    }

    private AtomicLong epochGauge(Map<String, AtomicLong> gauges, String campaignId, String kind) {
        return gauges.computeIfAbsent(campaignId, id -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(CAMPAIGN_EPOCHS, holder, AtomicLong::get)
                    .description("Epochs a campaign's trials trained (used) and pruning saved versus full fidelity (saved)")
                    .tags("campaign", id, "kind", kind).strongReference(true).register(registry);
            return holder;
        });
    }

    /** What the refresher measured of campaigns' fronts (only those whose COMPLETE trials changed), by campaign id. */
    public void refreshFronts(Map<String, FrontValues> fronts) {
        fronts.forEach((campaignId, values) -> {
            frontSizes.computeIfAbsent(campaignId, id -> {
                AtomicLong holder = new AtomicLong();
                Gauge.builder(FRONT_SIZE, holder, AtomicLong::get)
                        .description("Trials on a campaign's Pareto front (feasible ones; all when none is)")
                        .tags("campaign", id).strongReference(true).register(registry);
                return holder;
            }).set(values.frontSize());
            doubleGauge(hypervolumes, campaignId, HYPERVOLUME, "Hypervolume of a campaign's Pareto front in "
                    + "min-max normalized objectives, reference point 1.1 in each", List.of(Tag.of("campaign", campaignId)))
                    .set(values.hypervolume());
            doubleGauge(bestFeasible, campaignId, BEST_FEASIBLE_PRIMARY, "Best primary objective value among a "
                    + "campaign's trials that meet every constraint", List.of(Tag.of("campaign", campaignId),
                    Tag.of("metric", values.primaryMetric()))).set(values.bestFeasiblePrimary());
        });
    }

    private AtomicReference<Double> doubleGauge(Map<String, AtomicReference<Double>> gauges, String campaignId,
                                                String name, String description, List<Tag> tags) {
        return gauges.computeIfAbsent(campaignId, id -> {
            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
            Gauge.builder(name, holder, AtomicReference::get).description(description).tags(tags)
                    .strongReference(true).register(registry);
            return holder;
        });
    }

    /**
     * A campaign's front as the gauges show it.
     *
     * @param hypervolume         NaN when not measured
     * @param bestFeasiblePrimary NaN when no trial meets the constraints
     */
    public record FrontValues(String primaryMetric, int frontSize, double hypervolume, double bestFeasiblePrimary) {
    }

    /** A campaign's best primary value and the metric it is measured in. */
    public record BestValue(String metric, double value) {
    }

    void onTrialEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrialEnded ended) {
        if (ended.dispatchedAt() != null && ended.finishedAt() != null) {
            durations.get(ended.state()).record(Duration.between(ended.dispatchedAt(), ended.finishedAt()));
        }
    }
}
