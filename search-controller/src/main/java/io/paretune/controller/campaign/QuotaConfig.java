package io.paretune.controller.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one owner may have at once ({@code paretune.quota.*}): counted over their PENDING and RUNNING campaigns when
 * they submit another, so that nobody takes the whole cluster. A submission beyond a quota is a 429 naming it.
 */
@ConfigMapping(prefix = "paretune.quota")
public interface QuotaConfig {

    /** Campaigns pending or running at once. */
    @WithDefault("20")
    int activeCampaigns();

    /** Trials in flight at once: the sum of the active campaigns' {@code budget.maxParallel}. */
    @WithDefault("64")
    int parallelTrials();

    /** Epochs the active campaigns may still train: the sum of {@code maxTrials × maxEpochsPerTrial}. */
    @WithDefault("200000")
    long epochs();

    /** Writes (POST requests) per second a caller may make, on average; 0: no limit. */
    @WithDefault("50")
    double writesPerSecond();

    /** Writes a caller may make in a burst before the average applies. */
    @WithDefault("100")
    int writeBurst();
}
