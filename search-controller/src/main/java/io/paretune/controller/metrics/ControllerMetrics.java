package io.paretune.controller.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 *   <li>{@code paretune.campaign.best.primary{campaign,metric}}: the best trial's primary objective value</li>
 *   <li>{@code paretune.campaign.epochs{campaign,kind}}: epochs a campaign's trials trained ({@code used}) and those
 *       pruning saved versus full fidelity ({@code saved})</li>
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
    public static final String BEST_PRIMARY = "paretune.campaign.best.primary";
    public static final String CAMPAIGN_EPOCHS = "paretune.campaign.epochs";

    private final MeterRegistry registry;
    private final Map<TrialState, AtomicLong> trials = new EnumMap<>(TrialState.class);
    private final Map<CampaignState, AtomicLong> campaigns = new EnumMap<>(CampaignState.class);
    private final AtomicLong queueDepth = new AtomicLong();
    private final Map<TrialState, Timer> durations = new EnumMap<>(TrialState.class);
    private final Map<String, AtomicReference<Double>> best = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> epochsUsed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> epochsSaved = new ConcurrentHashMap<>();

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

    /** A campaign's best primary value and the metric it is measured in. */
    public record BestValue(String metric, double value) {
    }

    void onTrialEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrialEnded ended) {
        if (ended.dispatchedAt() != null && ended.finishedAt() != null) {
            durations.get(ended.state()).record(Duration.between(ended.dispatchedAt(), ended.finishedAt()));
        }
    }
}
