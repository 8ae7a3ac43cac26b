package io.paretune.controller.metrics;

import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.Map;

/** Reads the gauges' values from the database (called by the reconcile loop). */
@ApplicationScoped
public class MetricsRefresher {

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;
    private final ControllerMetrics metrics;

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
    }
}
