package io.paretune.controller.testing;

import io.paretune.contract.api.CampaignState;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.store.CampaignSpecs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Database rows as a controller would have left them, for tests that start from a given state (a restart, an
 * interrupted dispatch) instead of driving the API there. The caller persists them.
 */
public final class Rows {

    private Rows() {
    }

    /** A campaign in {@code state}, seeded and named after {@code spec}'s strategy. */
    public static CampaignEntity campaign(String id, String name, CampaignSpec spec, CampaignState state) {
        Instant now = Instant.now();
        CampaignEntity c = new CampaignEntity();
        c.id = id;
        c.name = name;
        c.spec = CampaignSpecs.write(spec);
        c.state = state;
        c.seed = spec.strategy().seed();
        c.sampler = spec.strategy().sampler();
        c.createdAt = now;
        c.updatedAt = now;
        return c;
    }

    /** Trial {@code number} of a campaign with the given parameters, created now. */
    public static TrialEntity trial(String id, String campaignId, int number, Map<String, Object> params,
                                    TrialState state) {
        TrialEntity t = new TrialEntity();
        t.id = id;
        t.campaignId = campaignId;
        t.number = number;
        t.params = JsonColumns.writeParams(params);
        t.state = state;
        t.createdAt = Instant.now();
        return t;
    }

    /** The same with a fresh id. */
    public static TrialEntity trial(String campaignId, int number, Map<String, Object> params, TrialState state) {
        return trial(UUID.randomUUID().toString(), campaignId, number, params, state);
    }
}
