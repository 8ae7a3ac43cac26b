package io.paretune.controller.metrics;

import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.selection.FrontReport;
import io.paretune.controller.selection.TradeOffs;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the gauges' values from the database (called by the reconcile loop). A campaign's front is measured again
 * only when its count of COMPLETE trials changed: a COMPLETE trial never changes, so the same count is the same
 * front, and a pass stays cheap however many trials the campaigns hold.
 */
@ApplicationScoped
public class MetricsRefresher {

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;
    private final ControllerMetrics metrics;
    /** Per campaign, the COMPLETE count its front gauges were measured at. */
    private final Map<String, Long> measuredAt = new ConcurrentHashMap<>();

    public MetricsRefresher(CampaignStore campaigns, TrialStore trials, CampaignSpecs specs,
                            ControllerMetrics metrics) {
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
        Map<String, ControllerMetrics.FrontValues> fronts = new HashMap<>();
        trials.countByCampaignAndState().forEach((campaignId, counts) -> {
            long complete = counts.getOrDefault(TrialState.COMPLETE, 0L);
            if (complete == 0 || measuredAt.getOrDefault(campaignId, 0L) == complete) {
                return;
            }
            Optional<CampaignEntity> campaign = campaigns.find(campaignId);
            if (campaign.isEmpty()) {
                return;
            }
            fronts.put(campaignId, measure(TradeOffs.of(specs.of(campaign.get()), trials.contenders(campaignId))));
            measuredAt.put(campaignId, complete);
        });
        return fronts;
    }

    static ControllerMetrics.FrontValues measure(TradeOffs tradeOffs) {
        FrontReport front = FrontReport.of(tradeOffs);
        double bestFeasible = tradeOffs.anyFeasible() ? tradeOffs.best().primary() : Double.NaN;
        return new ControllerMetrics.FrontValues(tradeOffs.spec().primaryObjective().metric(), front.front().size(),
                front.hypervolume() == null ? Double.NaN : front.hypervolume(), bestFeasible);
    }
}
