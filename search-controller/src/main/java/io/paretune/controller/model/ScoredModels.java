package io.paretune.controller.model;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignNotFoundException;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.TrialStore;
import io.paretune.controller.trial.TrialNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Finds the scored model of a trial: one that completed with a score naming the SHA-256 of the file the evaluator
 * measured. Anything else (unknown campaign or trial, a trial not scored, failed, pruned, asked by an external
 * caller, or scored before scores named their file) has no model to serve.
 */
@ApplicationScoped
public class ScoredModels {

    /** A scored trial with its campaign, read in the caller's transaction. */
    record Scored(CampaignEntity campaign, CampaignSpec spec, TrialEntity trial, ScoredModel model) {
    }

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;

    public ScoredModels(CampaignStore campaigns, TrialStore trials, CampaignSpecs specs) {
        this.campaigns = campaigns;
        this.trials = trials;
        this.specs = specs;
    }

    /**
     * @throws CampaignNotFoundException unknown campaign
     * @throws TrialNotFoundException    the campaign has no such trial
     * @throws ModelNotScoredException   the trial has no scored model
     */
    @Transactional
    public ScoredModel find(String campaignId, String trialId) {
        return lookup(campaignId, trialId).model();
    }

    /** {@link #find}, with the rows it was read from; the caller holds a transaction. */
    Scored lookup(String campaignId, String trialId) {
        CampaignEntity campaign = campaigns.find(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
        TrialEntity trial = trials.find(campaignId, trialId)
                .orElseThrow(() -> new TrialNotFoundException(campaignId, trialId));
        CampaignSpec spec = specs.of(campaign);
        String trialName = "trial " + trial.number + " of campaign '" + campaignId + "'";
        if (spec.isExternal()) {
            throw new ModelNotScoredException(trialName + " was evaluated by its caller (an external campaign): "
                    + "Paretune holds no model of it");
        }
        if (trial.state != TrialState.COMPLETE) {
            throw new ModelNotScoredException(trialName + " is " + trial.state + ": only a scored (COMPLETE) trial "
                    + "has a model to serve");
        }
        if (trial.artifactPath == null || trial.artifactSha256 == null) {
            throw new ModelNotScoredException(trialName + " was scored without the SHA-256 of its model file, so "
                    + "the file cannot be checked against what was scored: it is not served");
        }
        return new Scored(campaign, spec, trial, new ScoredModel(campaign.id, campaign.name, trial.id, trial.number,
                trial.artifactPath, trial.artifactSha256));
    }
}
