package io.paretune.controller.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Per-epoch training history, one row per (trial, segment, attempt, epoch). */
@ApplicationScoped
public class TrialEpochRepository implements PanacheRepositoryBase<TrialEpochEntity, Long> {

    public Optional<TrialEpochEntity> find(String trialId, int segment, int attempt, int epoch) {
        return find("trialId = ?1 and segment = ?2 and attempt = ?3 and epoch = ?4", trialId, segment, attempt, epoch)
                .firstResultOptional();
    }

    /** The epochs of one attempt, in order. */
    public List<TrialEpochEntity> history(String trialId, int attempt) {
        return list("trialId = ?1 and attempt = ?2", Sort.ascending("epoch"), trialId, attempt);
    }

    /** Every epoch of these trials, by trial, segment, attempt and epoch. */
    public List<TrialEpochEntity> forTrials(List<String> trialIds) {
        return trialIds.isEmpty() ? List.of()
                : list("trialId in ?1", Sort.ascending("trialId", "segment", "attempt", "epoch"), trialIds);
    }

    /** Every epoch of every trial of a campaign, by trial, segment, attempt and epoch. */
    public List<TrialEpochEntity> forCampaign(String campaignId) {
        return list("trialId in (select t.id from TrialEntity t where t.campaignId = ?1)",
                Sort.ascending("trialId", "segment", "attempt", "epoch"), campaignId);
    }
}
