package io.paretune.controller.metrics;

import io.paretune.contract.trial.TrialState;
import io.paretune.controller.config.ControllerConfig;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.selection.FrontReport;
import io.paretune.controller.selection.TradeOffs;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the gauges' values from the database (called by the reconcile loop). A campaign's front is measured again
 * only when its count of COMPLETE trials changed: a COMPLETE trial never changes, so the same count is the same
 * front, and a pass stays cheap however many trials the campaigns hold. At most
 * {@code paretune.controller.fronts-per-refresh} fronts are measured per reading, least recently measured first, so
 * that a reading stays short however many campaigns are busy.
 */
@ApplicationScoped
public class MetricsRefresher {

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;
    private final ControllerMetrics metrics;
    private final int frontsPerRefresh;
    /** Per campaign, the COMPLETE count its front gauges were measured at. */
    private final Map<String, Long> measuredAt = new ConcurrentHashMap<>();
    /** Per campaign, the reading its front was last measured in (readings counted from 1). */
    private final Map<String, Long> measuredIn = new ConcurrentHashMap<>();
    private long readings;

    public MetricsRefresher(CampaignStore campaigns, TrialStore trials, CampaignSpecs specs,
                            ControllerMetrics metrics, ControllerConfig config) {
        this.frontsPerRefresh = config.frontsPerRefresh();
        this.campaigns = campaigns;
        this.trials = trials;
        this.specs = specs;
        this.metrics = metrics;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refresh() {
        Map<String, ControllerMetrics.BestValue> best = new HashMap<>();
        trials.bestPrimaryValues().forEach((campaignId, value) -> {
            campaigns.find(campaignId).ifPresent(campaign -> best.put(campaignId,
                    new ControllerMetrics.BestValue(specs.of(campaign).primaryObjective().metric(), value)));
        });
        metrics.refresh(trials.countByState(), campaigns.countByState(), trials.queueDepth(), best,
                trials.epochBudgets());
        metrics.refreshFronts(changedFronts());
    }

    private Map<String, ControllerMetrics.FrontValues> changedFronts() {
        readings++;
        Map<String, Long> changed = new HashMap<>();
        trials.countByCampaignAndState().forEach((campaignId, counts) -> {
            long complete = counts.getOrDefault(TrialState.COMPLETE, 0L);
            if (complete > 0 && measuredAt.getOrDefault(campaignId, 0L) != complete) {
                changed.put(campaignId, complete);
            }
        });
        Map<String, ControllerMetrics.FrontValues> fronts = new HashMap<>();
        for (String campaignId : due(changed.keySet(), measuredIn, frontsPerRefresh)) {
            Optional<CampaignEntity> campaign = campaigns.find(campaignId);
            if (campaign.isPresent()) {
                fronts.put(campaignId, measure(TradeOffs.of(specs.of(campaign.get()), trials.contenders(campaignId))));
                measuredAt.put(campaignId, changed.get(campaignId));
                measuredIn.put(campaignId, readings);
            }
        }
        return fronts;
    }

    /**
     * Which of the {@code changed} campaigns to measure now: at most {@code limit}, those never measured first, then
     * those measured longest ago ({@code measuredIn}: the reading each was last measured in), ties by id.
     */
    static List<String> due(Collection<String> changed, Map<String, Long> measuredIn, int limit) {
        return changed.stream()
                .sorted(Comparator.<String>comparingLong(id -> measuredIn.getOrDefault(id, 0L))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit).toList();
    }

    static ControllerMetrics.FrontValues measure(TradeOffs tradeOffs) {
        FrontReport front = FrontReport.of(tradeOffs);
        double bestFeasible = tradeOffs.anyFeasible() ? tradeOffs.best().primary() : Double.NaN;
        return new ControllerMetrics.FrontValues(tradeOffs.spec().primaryObjective().metric(), front.front().size(),
                front.hypervolume() == null ? Double.NaN : front.hypervolume(), bestFeasible);
    }
}
