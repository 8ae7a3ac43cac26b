package io.paretune.controller.rest;

import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.CampaignSummary;
import io.paretune.contract.api.ParetoView;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.selection.BestTrial;
import io.paretune.controller.campaign.CampaignNotFoundException;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.EpochBudget;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialEpochEntity;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.ParetoFront;
import io.paretune.controller.selection.Decision;
import io.paretune.controller.selection.Selection;
import io.paretune.controller.selection.TradeOffs;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.TrialPage;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads campaigns and trials from the database into the API's shapes, each answer from one transaction. */
@ApplicationScoped
public class CampaignViews {

    private final CampaignStore campaigns;
    private final TrialStore trials;
    private final CampaignSpecs specs;

    public CampaignViews(CampaignStore campaigns, TrialStore trials, CampaignSpecs specs) {
        this.campaigns = campaigns;
        this.trials = trials;
        this.specs = specs;
    }

    /** A page of the campaigns, newest first: every one, or only those of {@code owner} unless it is null. */
    @Transactional
    Listed<CampaignSummary> list(String owner, int offset, int limit) {
        Map<String, Map<TrialState, Long>> counts = trials.countByCampaignAndState();
        Map<String, Double> best = trials.bestPrimaryValues();
        Map<String, EpochBudget> budgets = trials.epochBudgets();
        List<CampaignSummary> page = campaigns.newestFirst(owner, offset, limit).stream().map(c -> {
            CampaignSpec spec = specs.of(c);
            EpochBudget epochs = budgets.getOrDefault(c.id, new EpochBudget(0, 0));
            return new CampaignSummary(c.id, c.name, c.state, c.reason, c.sampler, c.seed, spec.primaryObjective(),
                    spec.budget().maxTrials(), TrialCounts.of(counts.get(c.id)), c.bestTrialId, best.get(c.id),
                    c.createdAt, c.updatedAt, c.finishedAt, epochs.used(), epochs.saved());
        }).toList();
        return new Listed<>(page, campaigns.count(owner));
    }

    @Transactional
    public CampaignDetail detail(String id) {
        CampaignEntity c = find(id);
        CampaignSpec spec = specs.of(c);
        CampaignDetail.BestTrialView best = null;
        if (c.bestTrialId != null) {
            TrialEntity t = trials.find(c.bestTrialId).orElseThrow();
            Map<String, Double> metrics = JsonColumns.readMetrics(t.metrics);
            best = new CampaignDetail.BestTrialView(t.id, t.number, JsonColumns.readParams(t.params), metrics,
                    t.primaryValue, feasible(spec, t.state, metrics));
        }
        EpochBudget epochs = trials.epochBudget(c.id);
        return new CampaignDetail(c.id, c.name, c.state, c.reason, c.seed, c.sampler, spec.objectives(), spec,
                c.createdAt, c.updatedAt, c.finishedAt, TrialCounts.of(trials.countByState(c.id)), best,
                paretoFront(spec, trials.forCampaign(id)),
                Selection.decide(spec, trials.contenders(id)).map(TradeOffViews::verdict).orElse(null),
                epochs.used(), epochs.saved());
    }

    /** The campaign's measured Pareto front, with the trial its verdict names marked. */
    @Transactional
    public ParetoView pareto(String id) {
        CampaignEntity c = find(id);
        TradeOffs tradeOffs = TradeOffs.of(specs.of(c), trials.contenders(id));
        Optional<Decision> decision = Selection.decide(tradeOffs);
        return TradeOffViews.pareto(c.id, tradeOffs, decision);
    }

    /**
     * The COMPLETE trials on the campaign's (constrained) Pareto front, best first on the primary objective, ties by
     * number.
     */
    static List<CampaignDetail.ParetoTrialView> paretoFront(CampaignSpec spec, List<TrialEntity> all) {
        Map<Integer, TrialEntity> byNumber = new HashMap<>();
        List<FrozenTrial> complete = new ArrayList<>();
        for (TrialEntity t : all) {
            if (t.state == TrialState.COMPLETE && hasEveryObjective(spec, t)) {
                byNumber.put(t.number, t);
                complete.add(TrialStore.freeze(t, spec, null));
            }
        }
        Objective primary = spec.primaryObjective();
        Comparator<FrozenTrial> bestFirst = Comparator.comparingDouble(
                (FrozenTrial f) -> primary.direction() == Direction.MAXIMIZE ? -f.values().get(0) : f.values().get(0))
                .thenComparingInt(FrozenTrial::number);
        return ParetoFront.front(complete, spec.objectives()).stream().sorted(bestFirst).map(f -> {
            TrialEntity t = byNumber.get(f.number());
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < spec.objectives().size(); i++) {
                values.put(spec.objectives().get(i).metric(), f.values().get(i));
            }
            return new CampaignDetail.ParetoTrialView(t.id, t.number, values, f.params(),
                    spec.constraints().isEmpty() ? null : f.isFeasible());
        }).toList();
    }

    /** COMPLETE trials always have every objective (the tell rules see to it); this guards the sort regardless. */
    private static boolean hasEveryObjective(CampaignSpec spec, TrialEntity t) {
        Map<String, Double> metrics = JsonColumns.readMetrics(t.metrics);
        return spec.objectives().stream().allMatch(o -> metrics.get(o.metric()) != null
                && !Double.isNaN(metrics.get(o.metric())));
    }

    /** Whether a COMPLETE trial meets every constraint; null before it completes or when there are none. */
    private static Boolean feasible(CampaignSpec spec, TrialState state, Map<String, Double> metrics) {
        if (state != TrialState.COMPLETE || spec.constraints().isEmpty()) {
            return null;
        }
        return BestTrial.totalViolation(spec.constraints(), metrics) <= 0;
    }

    /** Trials {@code offset} to {@code offset + limit - 1} of a campaign, by number, with their histories. */
    @Transactional
    public Listed<TrialView> trials(String id, int offset, int limit) {
        CampaignSpec spec = specs.of(find(id));
        TrialPage page = trials.page(id, offset, limit);
        Map<String, List<TrialEpochEntity>> byTrial = new HashMap<>();
        for (TrialEpochEntity e : page.epochs()) {
            byTrial.computeIfAbsent(e.trialId, k -> new ArrayList<>()).add(e);
        }
        Map<String, SortedMap<Integer, Double>> intermediate = page.intermediate();
        return new Listed<>(page.trials().stream().map(t -> {
            List<TrialView.EpochView> history = history(byTrial.getOrDefault(t.id, List.of())).stream()
                    .map(e -> new TrialView.EpochView(e.epoch, e.trainLoss, e.trainAccuracy, e.valLoss, e.valAccuracy,
                            e.epochSeconds, e.samplesPerSecond, e.workerId, e.segment, e.recordedAt))
                    .toList();
            Map<String, Double> metrics = t.metrics == null ? null : JsonColumns.readMetrics(t.metrics);
            return new TrialView(t.id, t.campaignId, t.number, t.state, JsonColumns.readParams(t.params), t.attempt,
                    t.workerId, t.dispatched, history, intermediate.getOrDefault(t.id, new TreeMap<>()), metrics,
                    t.primaryValue, metrics == null ? null : feasible(spec, t.state, metrics), t.failureReason,
                    t.artifactPath, t.epochsTrained, t.trainSeconds, t.backend,
                    t.hardware, t.createdAt, t.dispatchedAt, t.startedAt, t.lastHeartbeatAt, t.finishedAt, t.segment,
                    t.lastEpoch, t.checkpointPath);
        }).toList(), page.total());
    }

    /**
     * A trial's history: per segment, the epochs of its latest attempt (a redelivered segment starts its epochs
     * again), segments in order, so that a trial trained in segments shows all its epochs once.
     */
    static List<TrialEpochEntity> history(List<TrialEpochEntity> epochs) {
        Map<Integer, Integer> latestAttempt = new HashMap<>();
        for (TrialEpochEntity e : epochs) {
            latestAttempt.merge(e.segment, e.attempt, Math::max);
        }
        return epochs.stream()
                .filter(e -> e.attempt == latestAttempt.get(e.segment))
                .sorted(Comparator.comparingInt((TrialEpochEntity e) -> e.segment).thenComparingInt(e -> e.epoch))
                .toList();
    }

    private CampaignEntity find(String id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }
}
