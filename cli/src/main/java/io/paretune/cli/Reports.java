package io.paretune.cli;

import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.CampaignSummary;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.api.Verdict;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Metric;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.CnnParameters;
import io.paretune.contract.search.CompressionParameters;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.ModelFamily;
import io.paretune.contract.trial.TrialState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The CLI's printed views of campaigns and trials. */
final class Reports {

    private static final List<String> TABLE_PARAMS = List.of(MlpParameters.HIDDEN_LAYERS, MlpParameters.UNITS,
            MlpParameters.ACTIVATION, MlpParameters.DROPOUT, MlpParameters.LEARNING_RATE, MlpParameters.OPTIMIZER,
            MlpParameters.BATCH_SIZE);
    private static final List<String> TABLE_HEADERS = List.of("layers", "units", "activation", "dropout", "lr",
            "optimizer", "batch");
    private static final List<String> CNN_TABLE_PARAMS = List.of(CnnParameters.CONV_LAYERS, CnnParameters.FILTERS,
            CnnParameters.KERNEL_SIZE, CnnParameters.POOLING, CnnParameters.DENSE_UNITS, CnnParameters.LEARNING_RATE,
            CnnParameters.BATCH_SIZE);
    private static final List<String> CNN_TABLE_HEADERS = List.of("convs", "filters", "kernel", "pooling", "dense",
            "lr", "batch");

    /** Columns of words, left-aligned; numbers are right-aligned. */
    private static final Set<String> TEXT_COLUMNS = Set.of("state", "activation", "optimizer", "pooling", "pruning",
            "prec");

    /** Rows of the Pareto front a report shows; the API has them all. */
    static final int FRONT_ROWS = 10;

    private Reports() {
    }

    static List<TrialView> byNumber(List<TrialView> trials) {
        return trials.stream().sorted(Comparator.comparingInt(TrialView::number)).toList();
    }

    /** The campaign's trial table: {@link #externalTrialTable} for ask/tell campaigns, else {@link #trialTable}. */
    static String trialTable(List<TrialView> trials, CampaignDetail campaign) {
        String bestTrialId = campaign.best() == null ? "" : campaign.best().trialId();
        if (isExternal(campaign)) {
            return externalTrialTable(byNumber(trials), campaign, bestTrialId);
        }
        boolean cnn = ModelFamily.CNN.wireName().equals(modelFamily(campaign));
        boolean compresses = compresses(campaign);
        return cnn ? trialTable(byNumber(trials), bestTrialId, CNN_TABLE_HEADERS, CNN_TABLE_PARAMS, compresses)
                : trialTable(byNumber(trials), bestTrialId, TABLE_HEADERS, TABLE_PARAMS, compresses);
    }

    /** Whether the campaign sets any compression parameter: its table then shows what compression did. */
    static boolean compresses(CampaignDetail campaign) {
        return campaign.spec() != null && campaign.spec().searchSpace() != null
                && campaign.spec().searchSpace().parameters().keySet().stream()
                .anyMatch(CompressionParameters.NAMES::contains);
    }

    /** Whether the campaign is evaluated by its user over ask/tell: its names are the user's, not the MLP's. */
    static boolean isExternal(CampaignDetail campaign) {
        return campaign.spec() != null && campaign.spec().isExternal();
    }

    static String modelFamily(CampaignDetail campaign) {
        CampaignSpec spec = campaign.spec();
        return spec == null || spec.modelFamily() == null ? CampaignSpec.MLP : spec.modelFamily();
    }

    /**
     * One row per trial of an ask/tell campaign: number, state, each parameter of its search space, the steps
     * reported, and each objective. Best trial starred.
     */
    private static String externalTrialTable(List<TrialView> trials, CampaignDetail campaign, String bestTrialId) {
        List<String> params = new ArrayList<>(campaign.spec().searchSpace().parameters().keySet());
        List<String> metrics = campaign.objectives().stream().map(Objective::metric).toList();
        List<String> headers = new ArrayList<>(List.of("#", "state"));
        headers.addAll(params);
        headers.add("steps");
        headers.addAll(metrics);
        boolean[] rightAligned = new boolean[headers.size()];
        rightAligned[0] = true;
        for (int i = 2 + params.size(); i < headers.size(); i++) {
            rightAligned[i] = true;
        }
        TextTable table = new TextTable(headers, rightAligned);
        for (TrialView t : trials) {
            List<String> row = new ArrayList<>();
            row.add(t.number() + (t.id().equals(bestTrialId) ? "*" : ""));
            row.add(t.state().name());
            for (String p : params) {
                row.add(Formats.param(p, t.params().get(p)));
            }
            row.add(String.valueOf(t.intermediate() == null ? 0 : t.intermediate().size()));
            for (String m : metrics) {
                // A pruned trial has no final metrics: its last reported value stands for the primary one.
                Double value = TrialFacts.metric(t, m);
                if (value == null && m.equals(metrics.get(0))) {
                    value = t.primaryValue();
                }
                row.add(Formats.metric(m, value));
            }
            table.row(row);
        }
        return table.isEmpty() ? "(no trials yet)\n" : table.render();
    }

    /**
     * One row per trial: number, state, the seven key parameters given, epochs, accuracies, latency, size; with
     * {@code compression}, also the pruning method, the precision, the measured sparsity, the non-zero weights and
     * the shipped artifact's size. Best trial starred.
     */
    private static String trialTable(List<TrialView> trials, String bestTrialId, List<String> paramHeaders,
                                     List<String> params, boolean compression) {
        List<String> headers = new ArrayList<>(List.of("#", "state"));
        headers.addAll(paramHeaders);
        if (compression) {
            headers.addAll(List.of("pruning", "prec"));
        }
        headers.addAll(List.of("epochs", "val acc", "test acc", "p50 ms", "params"));
        if (compression) {
            headers.addAll(List.of("sparsity", "nonzero", "size kB"));
        }
        boolean[] rightAligned = new boolean[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            rightAligned[i] = !TEXT_COLUMNS.contains(headers.get(i));
        }
        TextTable table = new TextTable(headers, rightAligned);
        for (TrialView t : trials) {
            List<String> row = new ArrayList<>();
            row.add(t.number() + (t.id().equals(bestTrialId) ? "*" : ""));
            row.add(t.state().name());
            for (String p : params) {
                row.add(Formats.param(p, TrialFacts.param(t, p)));
            }
            if (compression) {
                row.add(Formats.param(CompressionParameters.PRUNING, TrialFacts.param(t, CompressionParameters.PRUNING)));
                row.add(Formats.param(CompressionParameters.PRECISION,
                        TrialFacts.param(t, CompressionParameters.PRECISION)));
            }
            row.add(String.valueOf(TrialFacts.epochsTrained(t)));
            row.add(Formats.accuracy(TrialFacts.metric(t, "val_accuracy")));
            row.add(Formats.accuracy(TrialFacts.metric(t, "test_accuracy")));
            row.add(Formats.millis(TrialFacts.metric(t, "latency_ms_p50")));
            row.add(Formats.count(TrialFacts.metric(t, "param_count")));
            if (compression) {
                Double sparsity = TrialFacts.metric(t, Metric.SPARSITY.wireName());
                Double bytes = TrialFacts.metric(t, Metric.MODEL_SIZE_BYTES.wireName());
                row.add(sparsity == null ? Formats.NONE : String.format(Locale.ROOT, "%.2f", sparsity));
                row.add(Formats.count(TrialFacts.metric(t, Metric.NONZERO_PARAMS.wireName())));
                row.add(bytes == null ? Formats.NONE : String.format(Locale.ROOT, "%.1f", bytes / 1000));
            }
            table.row(row);
        }
        return table.isEmpty() ? "(no trials yet)\n" : table.render();
    }

    /** The best trial by the campaign's primary objective, as the controller chose it, and the seed. */
    static String bestAndSeed(CampaignDetail campaign) {
        StringBuilder out = new StringBuilder();
        Objective primary = campaign.objectives().get(0);
        CampaignDetail.BestTrialView best = campaign.best();
        if (best != null) {
            Double value = best.primaryValue() != null ? best.primaryValue() : best.metrics().get(primary.metric());
            out.append("Best trial: #").append(best.number()).append(" by ").append(Formats.objective(primary))
                    .append(" = ").append(Formats.metric(primary.metric(), value)).append('\n');
            out.append("  params:  ").append(Formats.params(best.params())).append('\n');
            out.append("  metrics: ").append(Formats.metrics(best.metrics())).append('\n');
        } else {
            out.append("Best trial: none (no trial completed)").append('\n');
        }
        out.append("Seed: ").append(campaign.seed()).append(" (sampler ").append(campaign.sampler())
                .append("): the same spec and seed propose the same trials").append('\n');
        return out.toString();
    }

    /**
     * The Pareto front of a campaign with several objectives, best first on the primary one, at most
     * {@link #FRONT_ROWS} rows; empty text for a single objective (its front is the best trial) or an empty front.
     */
    static String paretoFront(CampaignDetail campaign) {
        List<Objective> objectives = campaign.objectives();
        List<CampaignDetail.ParetoTrialView> front = campaign.paretoFront();
        if (objectives.size() < 2 || front == null || front.isEmpty()) {
            return "";
        }
        boolean constrained = front.get(0).feasible() != null;
        List<String> headers = new ArrayList<>(List.of("#"));
        objectives.forEach(o -> headers.add(Formats.objective(o)));
        if (constrained) {
            headers.add("feasible");
        }
        boolean[] right = new boolean[headers.size()];
        Arrays.fill(right, 0, objectives.size() + 1, true);
        TextTable table = new TextTable(headers, right);
        for (int i = 0; i < front.size() && i < FRONT_ROWS; i++) {
            CampaignDetail.ParetoTrialView t = front.get(i);
            List<String> row = new ArrayList<>(List.of(String.valueOf(t.number())));
            objectives.forEach(o -> row.add(Formats.metric(o.metric(), t.values().get(o.metric()))));
            if (constrained) {
                row.add(Boolean.TRUE.equals(t.feasible()) ? "yes" : "no");
            }
            table.row(row);
        }
        StringBuilder out = new StringBuilder("Pareto front (").append(front.size())
                .append(front.size() == 1 ? " trial" : " trials").append(" no other beats on every objective, best first by ")
                .append(objectives.get(0).metric()).append("):\n")
                .append(table.render());
        if (front.size() > FRONT_ROWS) {
            out.append("... and ").append(front.size() - FRONT_ROWS).append(" more (--json shows them all)\n");
        }
        return out.toString();
    }

    /**
     * The campaign's verdict as one line, {@code "Verdict (knee): Trial 5: 0.4 points below the most accurate ..."};
     * empty text while there is none (no trial complete yet).
     */
    static String verdict(CampaignDetail campaign) {
        Verdict v = campaign.verdict();
        if (v == null) {
            return "";
        }
        return "Verdict (" + v.rule() + "): " + v.sentence() + "\n";
    }

    static String campaignStatus(CampaignDetail c) {
        StringBuilder out = new StringBuilder();
        out.append("Campaign    ").append(c.id()).append("  ").append(c.name()).append('\n');
        out.append("State       ").append(c.state()).append(reason(c.reason())).append('\n');
        out.append("Sampler     ").append(c.sampler()).append(", seed ").append(c.seed()).append('\n');
        out.append("Objectives  ").append(Formats.objectives(c.objectives())).append('\n');
        out.append("Trials      ").append(Formats.trialCounts(c.trialCounts())).append('\n');
        CampaignDetail.BestTrialView best = c.best();
        if (best != null) {
            out.append("Best        #").append(best.number()).append("  ").append(Formats.metrics(best.metrics()))
                    .append('\n');
            out.append("            ").append(Formats.params(best.params())).append('\n');
        } else {
            out.append("Best        none yet").append('\n');
        }
        return out.toString();
    }

    /** {@code " (why)"}, or nothing when there is no reason. */
    static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }

    static String campaignList(List<CampaignSummary> campaigns) {
        TextTable table = new TextTable(List.of("id", "name", "state", "trials done", "primary objective", "best"),
                false, false, false, true, false, true);
        for (CampaignSummary c : campaigns) {
            Map<String, Long> counts = c.trialCounts();
            long done = Formats.count(counts, TrialState.COMPLETE) + Formats.count(counts, TrialState.PRUNED)
                    + Formats.count(counts, TrialState.FAIL);
            Objective primary = c.primaryObjective();
            table.row(List.of(c.id(), c.name(), c.state().name(), done + "/" + c.maxTrials(),
                    primary == null ? Formats.NONE : Formats.objective(primary),
                    primary == null ? Formats.NONE : Formats.metric(primary.metric(), c.bestPrimaryValue())));
        }
        return table.isEmpty() ? "(no campaigns)\n" : table.render();
    }
}
