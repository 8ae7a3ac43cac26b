package io.paretune.controller.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Intermediate values of trials, one row per (trial, step). */
@ApplicationScoped
public class TrialReportRepository implements PanacheRepositoryBase<TrialReportEntity, Long> {

    public Optional<TrialReportEntity> find(String trialId, int step) {
        return find("trialId = ?1 and step = ?2", trialId, step).firstResultOptional();
    }

    /**
     * Records {@code value} at {@code step} unless the trial already has a value there (a redelivered message or a
     * retried request must not change history); true when it was recorded.
     */
    public boolean recordOnce(String trialId, int step, double value, String metricValues, Instant now) {
        if (find(trialId, step).isPresent()) {
            return false;
        }
        TrialReportEntity report = new TrialReportEntity();
        report.trialId = trialId;
        report.step = step;
        report.value = value;
        report.metricValues = metricValues;
        report.recordedAt = now;
        persist(report);
        return true;
    }

    /** The trial's report at its highest step; empty when it has none. */
    public Optional<TrialReportEntity> latest(String trialId) {
        return find("trialId", Sort.descending("step"), trialId).firstResultOptional();
    }

    /** Every intermediate value of a campaign's trials: trial id → (step → value). */
    public Map<String, SortedMap<Integer, Double>> forCampaign(String campaignId) {
        return byTrial(list("trialId in (select t.id from TrialEntity t where t.campaignId = ?1)",
                Sort.ascending("trialId", "step"), campaignId));
    }

    /** Every intermediate value of these trials: trial id → (step → value). */
    public Map<String, SortedMap<Integer, Double>> forTrials(List<String> trialIds) {
        return trialIds.isEmpty() ? new HashMap<>()
                : byTrial(list("trialId in ?1", Sort.ascending("trialId", "step"), trialIds));
    }

    /** How many intermediate values a trial has. */
    public long countFor(String trialId) {
        return count("trialId", trialId);
    }

    private static Map<String, SortedMap<Integer, Double>> byTrial(List<TrialReportEntity> rows) {
        Map<String, SortedMap<Integer, Double>> byTrial = new HashMap<>();
        rows.forEach(r -> byTrial.computeIfAbsent(r.trialId, k -> new TreeMap<>()).put(r.step, r.value));
        return byTrial;
    }
}
