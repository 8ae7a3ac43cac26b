package io.paretune.controller.rest;

import io.paretune.contract.api.ParetoView;
import io.paretune.contract.api.Verdict;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.controller.selection.Decision;
import io.paretune.controller.selection.FrontReport;
import io.paretune.controller.selection.MinMax;
import io.paretune.controller.selection.TradeOffs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The selection package's answers in the API's shapes: the verdict and the measured Pareto front. */
final class TradeOffViews {

    private TradeOffViews() {
    }

    static Verdict verdict(Decision decision) {
        if (!decision.hasChoice()) {
            return new Verdict(decision.rule(), null, null, decision.sentence(), null);
        }
        return new Verdict(decision.rule(), decision.chosen().trialId(), decision.chosen().number(),
                decision.sentence(), decision.chosen().metrics());
    }

    static ParetoView pareto(String campaignId, TradeOffs tradeOffs, Optional<Decision> decision) {
        List<Objective> objectives = tradeOffs.spec().objectives();
        FrontReport report = FrontReport.of(tradeOffs);
        String chosen = decision.filter(Decision::hasChoice).map(d -> d.chosen().trialId()).orElse(null);
        boolean constrained = !tradeOffs.spec().constraints().isEmpty();
        List<ParetoView.Point> front = report.front().stream().map(s -> new ParetoView.Point(
                s.contender().trialId(), s.number(), byMetric(objectives, s.values()),
                byMetric(objectives, tradeOffs.normalized(s)), s.contender().params(),
                constrained ? s.isFeasible() : null, s.contender().trialId().equals(chosen))).toList();
        Map<String, ParetoView.Bounds> bounds = new LinkedHashMap<>();
        Map<String, Double> reference = new LinkedHashMap<>();
        Map<String, Double> referenceValues = new LinkedHashMap<>();
        MinMax minMax = report.bounds();
        if (minMax != null) {
            double[] best = minMax.best();
            double[] worst = minMax.worst();
            double[] normalizedReference = minMax.normalizedReference();
            double[] referencePoint = minMax.reference();
            for (int k = 0; k < objectives.size(); k++) {
                Objective o = objectives.get(k);
                bounds.put(o.metric(), new ParetoView.Bounds(o.direction(), raw(o, best[k]), raw(o, worst[k])));
                reference.put(o.metric(), normalizedReference[k]);
                referenceValues.put(o.metric(), raw(o, referencePoint[k]));
            }
        }
        ParetoView.Hypervolume hypervolume = new ParetoView.Hypervolume(report.hypervolume(), reference,
                referenceValues, FrontReport.maximum(objectives.size()), report.omitted());
        return new ParetoView(campaignId, tradeOffs.spec().selection().rule(), objectives, report.feasibleOnly(),
                front, bounds, hypervolume, chosen);
    }

    /** A minimized value back in the objective's own direction. */
    private static double raw(Objective o, double minimized) {
        return (o.direction() == Direction.MAXIMIZE ? -minimized : minimized) + 0.0;
    }

    private static Map<String, Double> byMetric(List<Objective> objectives, List<Double> values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < objectives.size(); k++) {
            m.put(objectives.get(k).metric(), values.get(k));
        }
        return m;
    }

    private static Map<String, Double> byMetric(List<Objective> objectives, double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < objectives.size(); k++) {
            m.put(objectives.get(k).metric(), values[k]);
        }
        return m;
    }
}
