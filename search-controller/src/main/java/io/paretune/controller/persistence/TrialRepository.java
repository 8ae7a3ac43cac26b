package io.paretune.controller.persistence;

import io.paretune.contract.trial.TrialState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Trial rows, with the specific questions the controller asks about them. */
@ApplicationScoped
public class TrialRepository implements PanacheRepositoryBase<TrialEntity, String> {

    /** Every trial of a campaign, by number. */
    public List<TrialEntity> forCampaign(String campaignId) {
        return list("campaignId", Sort.ascending("number"), campaignId);
    }

    /** Trials {@code offset} to {@code offset + limit - 1} of a campaign, by number. */
    public List<TrialEntity> forCampaign(String campaignId, int offset, int limit) {
        return find("campaignId", Sort.ascending("number"), campaignId).range(offset, offset + limit - 1).list();
    }

    /** The COMPLETE trials of a campaign, by number. */
    public List<TrialEntity> completeFor(String campaignId) {
        return list("campaignId = ?1 and state = ?2", Sort.ascending("number"), campaignId, TrialState.COMPLETE);
    }

    /** Trials persisted WAITING whose job the broker never acknowledged: the next pass (re)publishes them. */
    public List<TrialEntity> undispatched(String campaignId) {
        return list("campaignId = ?1 and state = ?2 and dispatched = false", Sort.ascending("number"),
                campaignId, TrialState.WAITING);
    }

    /**
     * Ids of RUNNING trials still training (no artifact yet) that no worker reported on since {@code cutoff}. Only
     * dispatched ones: trials of external campaigns are never dispatched, and their users may take as long as they
     * like (they tell FAILED when they give up).
     */
    public List<String> trainingNotHeardSince(Instant cutoff) {
        return getEntityManager().createQuery("select t.id from TrialEntity t where t.state = :state and t.dispatched = true"
                        + " and t.artifactPath is null and (t.lastHeartbeatAt is null or t.lastHeartbeatAt < :cutoff)", String.class)
                .setParameter("state", TrialState.RUNNING).setParameter("cutoff", cutoff).getResultList();
    }

    /** Ids of RUNNING trials that were trained before {@code cutoff} and still have no score. */
    public List<String> trainedNotScoredSince(Instant cutoff) {
        return getEntityManager().createQuery("select t.id from TrialEntity t where t.state = :state"
                        + " and t.artifactPath is not null and t.lastHeartbeatAt < :cutoff", String.class)
                .setParameter("state", TrialState.RUNNING).setParameter("cutoff", cutoff).getResultList();
    }

    /** Trials a worker was heard about (progress or result) since {@code cutoff}, latest first. */
    public List<TrialEntity> heardFromWorkersSince(Instant cutoff) {
        return list("workerId is not null and lastHeartbeatAt >= ?1", Sort.descending("lastHeartbeatAt"), cutoff);
    }

    /** Trials of one campaign in each state, zeros included. */
    public Map<TrialState, Long> countByState(String campaignId) {
        Map<TrialState, Long> counts = zeros();
        getEntityManager().createQuery("select t.state, count(t) from TrialEntity t where t.campaignId = :c group by t.state",
                        Object[].class)
                .setParameter("c", campaignId).getResultList()
                .forEach(row -> counts.put((TrialState) row[0], (Long) row[1]));
        return counts;
    }

    /** Trials over all campaigns in each state, zeros included. */
    public Map<TrialState, Long> countByState() {
        Map<TrialState, Long> counts = zeros();
        getEntityManager().createQuery("select t.state, count(t) from TrialEntity t group by t.state", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((TrialState) row[0], (Long) row[1]));
        return counts;
    }

    /** Per campaign, its trials in each state (campaigns without trials are absent). */
    public Map<String, Map<TrialState, Long>> countByCampaignAndState() {
        Map<String, Map<TrialState, Long>> counts = new HashMap<>();
        getEntityManager().createQuery("select t.campaignId, t.state, count(t) from TrialEntity t group by t.campaignId, t.state",
                        Object[].class)
                .getResultList()
                .forEach(row -> counts.computeIfAbsent((String) row[0], k -> zeros()).put((TrialState) row[1], (Long) row[2]));
        return counts;
    }

    /** Jobs on the queue that no worker has started: dispatched and still WAITING. */
    public long queueDepth() {
        return count("state = ?1 and dispatched = true", TrialState.WAITING);
    }

    /**
     * Epochs a campaign's trials used and those pruning saved versus full fidelity (see {@link EpochBudget}), by
     * campaign id; campaigns without trials are absent.
     */
    public Map<String, EpochBudget> epochBudgets() {
        return epochBudgets(null);
    }

    /** The epoch budget of one campaign (zeros when it has no trials). */
    public EpochBudget epochBudget(String campaignId) {
        return epochBudgets(campaignId).getOrDefault(campaignId, new EpochBudget(0, 0));
    }

    private Map<String, EpochBudget> epochBudgets(String campaignId) {
        Map<String, EpochBudget> budgets = new HashMap<>();
        var query = getEntityManager().createQuery("select t.campaignId, sum(coalesce(t.epochsTrained, 0)),"
                        + " sum(case when t.state = :pruned and t.lastEpoch > coalesce(t.epochsTrained, 0)"
                        + " then t.lastEpoch - coalesce(t.epochsTrained, 0) else 0 end)"
                        + " from TrialEntity t" + (campaignId == null ? "" : " where t.campaignId = :c")
                        + " group by t.campaignId", Object[].class)
                .setParameter("pruned", TrialState.PRUNED);
        if (campaignId != null) {
            query.setParameter("c", campaignId);
        }
        query.getResultList()
                .forEach(row -> budgets.put((String) row[0],
                        new EpochBudget(((Number) row[1]).longValue(), ((Number) row[2]).longValue())));
        return budgets;
    }

    /** The primary value of every campaign's best trial, by campaign id. */
    public Map<String, Double> bestPrimaryValues() {
        Map<String, Double> values = new HashMap<>();
        getEntityManager().createQuery("select c.id, t.primaryValue from CampaignEntity c, TrialEntity t"
                        + " where t.id = c.bestTrialId and t.primaryValue is not null", Object[].class)
                .getResultList()
                .forEach(row -> values.put((String) row[0], (Double) row[1]));
        return values;
    }

    public static Map<TrialState, Long> zeros() {
        Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) {
            counts.put(s, 0L);
        }
        return counts;
    }
}
