package io.paretune.controller.store;

import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.TrialEntity;

/** A trial and its campaign, read under the campaign's lock: the state a change may rely on until the commit. */
public record LockedTrial(CampaignEntity campaign, TrialEntity trial) {
}
