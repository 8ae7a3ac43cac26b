package io.paretune.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.search.CnnParameters;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.ModelFamily;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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

    /** Rows of the Pareto front a report shows; the API has them all. */
    static final int FRONT_ROWS = 10;

    private Reports() {
    }

    static List<TrialView> trials(JsonNode array) {
        List<TrialView> trials = new ArrayList<>();
        array.forEach(t -> trials.add(new TrialView(t)));
        trials.sort(Comparator.comparingInt(TrialView::number));
        return trials;
    }

    /** The campaign's trial table: {@link #externalTrialTable} for ask/tell campaigns, else {@link #trialTable}. */
    static String trialTable(List<TrialView> trials, JsonNode campaign) {
        String bestTrialId = campaign.path("best").path("trialId").asText("");
        if (isExternal(campaign)) {
            return externalTrialTable(trials, campaign, bestTrialId);
        }
        boolean cnn = ModelFamily.CNN.wireName().equals(campaign.path("spec").path("modelFamily").asText());
        return cnn ? trialTable(trials, bestTrialId, CNN_TABLE_HEADERS, CNN_TABLE_PARAMS) : trialTable(trials, bestTrialId);
    }

    /** Whether the campaign is evaluated by its user over ask/tell: its names are the user's, not the MLP's. */
    static boolean isExternal(JsonNode campaign) {
        return "external".equals(campaign.path("spec").path("evaluation").asText());
    }

    /**
     * One row per trial of an ask/tell campaign: number, state, each parameter of its search space, the steps
     * reported, and each objective. Best trial starred.
     */
    static String externalTrialTable(List<TrialView> trials, JsonNode campaign, String bestTrialId) {
        List<String> params = new ArrayList<>();
        campaign.path("spec").path("searchSpace").fieldNames().forEachRemaining(params::add);
        params.sort(null);
        List<String> metrics = new ArrayList<>();
        campaign.path("objectives").forEach(o -> metrics.add(o.path("metric").asText()));
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
            row.add(t.state());
            for (String p : params) {
                row.add(Formats.param(p, Formats.scalar(t.node().path("params").get(p))));
            }
            row.add(String.valueOf(t.node().path("intermediate").size()));
            for (String m : metrics) {
                // A pruned trial has no final metrics: its last reported value stands for the primary one.
                JsonNode value = t.metric(m);
                if (value == null && m.equals(metrics.get(0)) && t.node().path("primaryValue").isNumber()) {
                    value = t.node().get("primaryValue");
                }
                row.add(Formats.metric(m, value));
            }
            table.row(row);
        }
        return table.isEmpty() ? "(no trials yet)\n" : table.render();
    }

    /** One row per trial: number, state, key parameters, epochs, accuracies, latency, size. Best trial starred. */
    static String trialTable(List<TrialView> trials, String bestTrialId) {
        return trialTable(trials, bestTrialId, TABLE_HEADERS, TABLE_PARAMS);
    }

    /** {@link #trialTable(List, String)} with the given seven parameter columns (a family's key parameters). */
    private static String trialTable(List<TrialView> trials, String bestTrialId, List<String> paramHeaders,
                                     List<String> params) {
        List<String> headers = new ArrayList<>(List.of("#", "state"));
        headers.addAll(paramHeaders);
        headers.addAll(List.of("epochs", "val acc", "test acc", "p50 ms", "params"));
        TextTable table = new TextTable(headers, true, false, true, true, false, true, true, false, true,
                true, true, true, true, true);
        for (TrialView t : trials) {
            List<String> row = new ArrayList<>();
            row.add(t.number() + (t.id().equals(bestTrialId) ? "*" : ""));
            row.add(t.state());
            for (String p : params) {
                row.add(Formats.param(p, t.param(p)));
            }
            row.add(String.valueOf(t.epochsTrained()));
            row.add(Formats.accuracy(t.metric("val_accuracy")));
            row.add(Formats.accuracy(t.metric("test_accuracy")));
            row.add(Formats.millis(t.metric("latency_ms_p50")));
            row.add(Formats.count(t.metric("param_count")));
            table.row(row);
        }
        return table.isEmpty() ? "(no trials yet)\n" : table.render();
    }

    /** The best trial by the campaign's primary objective, as the controller chose it, and the seed. */
    static String bestAndSeed(JsonNode campaign) {
        StringBuilder out = new StringBuilder();
        JsonNode objectives = campaign.path("objectives");
        String primary = objectives.path(0).path("metric").asText("");
        String direction = objectives.path(0).path("direction").asText("").toLowerCase(java.util.Locale.ROOT);
        JsonNode best = campaign.path("best");
        if (best.isObject() && best.hasNonNull("trialId")) {
            JsonNode value = best.hasNonNull("primaryValue") ? best.get("primaryValue") : best.path("metrics").get(primary);
            out.append("Best trial: #").append(best.path("number").asText()).append(" by ").append(primary)
                    .append(direction.isEmpty() ? "" : " (" + direction + ")").append(" = ")
                    .append(Formats.metric(primary, value)).append('\n');
            out.append("  params:  ").append(Formats.keyValues(best.path("params"), false)).append('\n');
            out.append("  metrics: ").append(Formats.keyValues(best.path("metrics"), true)).append('\n');
        } else {
            out.append("Best trial: none (no trial completed)").append('\n');
        }
        out.append("Seed: ").append(seed(campaign)).append(" (sampler ").append(campaign.path("sampler").asText("?"))
                .append("): the same spec and seed propose the same trials").append('\n');
        return out.toString();
    }

    /**
     * The Pareto front of a campaign with several objectives, best first on the primary one, at most
     * {@link #FRONT_ROWS} rows; empty text for a single objective (its front is the best trial) or an empty front.
     */
    static String paretoFront(JsonNode campaign) {
        JsonNode objectives = campaign.path("objectives");
        JsonNode front = campaign.path("paretoFront");
        if (objectives.size() < 2 || !front.isArray() || front.isEmpty()) {
            return "";
        }
        boolean constrained = front.path(0).hasNonNull("feasible");
        List<String> headers = new ArrayList<>(List.of("#"));
        objectives.forEach(o -> headers.add(o.path("metric").asText() + " ("
                + o.path("direction").asText("").toLowerCase(Locale.ROOT) + ")"));
        if (constrained) {
            headers.add("feasible");
        }
        boolean[] right = new boolean[headers.size()];
        Arrays.fill(right, 0, objectives.size() + 1, true);
        TextTable table = new TextTable(headers, right);
        for (int i = 0; i < front.size() && i < FRONT_ROWS; i++) {
            JsonNode t = front.get(i);
            List<String> row = new ArrayList<>(List.of(t.path("number").asText()));
            objectives.forEach(o -> row.add(Formats.metric(o.path("metric").asText(), t.path("values").get(o.path("metric").asText()))));
            if (constrained) {
                row.add(t.path("feasible").asBoolean() ? "yes" : "no");
            }
            table.row(row);
        }
        StringBuilder out = new StringBuilder("Pareto front (").append(front.size())
                .append(front.size() == 1 ? " trial" : " trials").append(" no other beats on every objective, best first by ")
                .append(objectives.path(0).path("metric").asText()).append("):\n")
                .append(table.render());
        if (front.size() > FRONT_ROWS) {
            out.append("... and ").append(front.size() - FRONT_ROWS).append(" more (--json shows them all)\n");
        }
        return out.toString();
    }

    static String seed(JsonNode campaign) {
        return campaign.hasNonNull("seed") ? campaign.get("seed").asText() : Formats.NONE;
    }

    static String campaignStatus(JsonNode c) {
        StringBuilder out = new StringBuilder();
        out.append("Campaign    ").append(c.path("id").asText()).append("  ").append(c.path("name").asText("")).append('\n');
        out.append("State       ").append(c.path("state").asText("?"));
        if (c.hasNonNull("reason") && !c.get("reason").asText().isBlank()) {
            out.append(" (").append(c.get("reason").asText()).append(')');
        }
        out.append('\n');
        out.append("Sampler     ").append(c.path("sampler").asText("?")).append(", seed ").append(seed(c)).append('\n');
        out.append("Objectives  ").append(Formats.objectives(c.path("objectives"))).append('\n');
        out.append("Trials      ").append(Formats.trialCounts(c.path("trialCounts"))).append('\n');
        JsonNode best = c.path("best");
        if (best.isObject() && best.hasNonNull("trialId")) {
            out.append("Best        #").append(best.path("number").asText()).append("  ")
                    .append(Formats.keyValues(best.path("metrics"), true)).append('\n');
            out.append("            ").append(Formats.keyValues(best.path("params"), false)).append('\n');
        } else {
            out.append("Best        none yet").append('\n');
        }
        return out.toString();
    }

    static String campaignList(JsonNode campaigns) {
        TextTable table = new TextTable(List.of("id", "name", "state", "trials done", "primary objective", "best"),
                false, false, false, true, false, true);
        for (JsonNode c : campaigns) {
            JsonNode counts = c.path("trialCounts");
            int done = counts.path("COMPLETE").asInt() + counts.path("PRUNED").asInt() + counts.path("FAIL").asInt();
            int all = c.path("maxTrials").isNumber() ? c.path("maxTrials").asInt()
                    : done + counts.path("WAITING").asInt() + counts.path("RUNNING").asInt();
            // A summary names its primary objective and best value; a full campaign lists objectives and best.
            JsonNode objective = c.has("primaryObjective") ? c.path("primaryObjective") : c.path("objectives").path(0);
            String primary = objective.path("metric").asText("");
            JsonNode best = c.hasNonNull("bestPrimaryValue") ? c.get("bestPrimaryValue")
                    : c.path("best").path("metrics").get(primary);
            table.row(List.of(c.path("id").asText(), c.path("name").asText(""), c.path("state").asText("?"),
                    counts.isObject() ? done + "/" + all : Formats.NONE,
                    primary.isEmpty() ? Formats.NONE : primary + " (" + objective.path("direction").asText("?") + ")",
                    Formats.metric(primary, best)));
        }
        return table.isEmpty() ? "(no campaigns)\n" : table.render();
    }
}
