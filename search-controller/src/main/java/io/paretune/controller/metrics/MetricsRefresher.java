package io.paretune.controller.metrics;

import io.paretune.controller.campaign.CampaignSpecs;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.CampaignRepository;
import io.paretune.controller.persistence.TrialRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.Map;

/** Reads the gauges' values from the database (called by the reconcile loop). */
@ApplicationScoped
public class MetricsRefresher {

    private final CampaignRepository campaigns;
    private final TrialRepository trials;
    private final CampaignSpecs specs;
    private final ControllerMetrics metrics;

    public MetricsRefresher(CampaignRepository campaigns, TrialRepository trials, CampaignSpecs specs,
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
            CampaignEntity campaign = campaigns.findById(campaignId);
            best.put(campaignId, new ControllerMetrics.BestValue(specs.of(campaign).primaryObjective().metric(), value));
        });
        metrics.refresh(trials.countByState(), campaigns.countByState(), trials.queueDepth(), best,
                trials.epochBudgets());
    }
}
