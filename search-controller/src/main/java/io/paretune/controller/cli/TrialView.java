package io.paretune.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.ParameterRule;

/**
 * One trial as the controller reports it, read defensively: a parameter the campaign did not search shows the
 * default the worker trained with (from the contract's catalogue), a metric not reported yet is absent.
 */
record TrialView(JsonNode node) {

    String id() {
        return node.path("id").asText();
    }

    int number() {
        return node.path("number").asInt(-1);
    }

    String state() {
        return node.path("state").asText("?");
    }

    String workerId() {
        return node.hasNonNull("workerId") ? node.get("workerId").asText() : null;
    }

    int attempt() {
        return node.path("attempt").asInt(0);
    }

    String failureReason() {
        return node.hasNonNull("failureReason") ? node.get("failureReason").asText() : null;
    }

    JsonNode history() {
        return node.path("history");
    }

    JsonNode metric(String name) {
        JsonNode m = node.path("metrics").get(name);
        return m == null || m.isNull() ? null : m;
    }

    boolean hasMetrics() {
        return node.path("metrics").isObject() && !node.path("metrics").isEmpty();
    }

    /** The sampled value, else the family's default for a parameter the campaign left out. */
    Object param(String name) {
        JsonNode v = node.path("params").get(name);
        if (v != null && !v.isNull()) {
            return Formats.scalar(v);
        }
        ParameterRule rule = MlpParameters.rules().get(name);
        return rule == null ? null : rule.defaultValue();
    }

    /** Epochs actually trained: the evaluator's figure when scored, else the progress reported so far. */
    int epochsTrained() {
        if (node.path("epochsTrained").isNumber()) {
            return node.get("epochsTrained").asInt();
        }
        JsonNode reported = metric("epochs_trained");
        return reported != null ? reported.asInt() : history().size();
    }

    /** Epochs this trial will train at most, or null when unknown. */
    Integer epochsPlanned(Integer campaignMax) {
        JsonNode epochs = node.path("params").get(MlpParameters.EPOCHS);
        if (epochs != null && epochs.isNumber()) {
            return campaignMax == null ? epochs.asInt() : Math.min(epochs.asInt(), campaignMax);
        }
        return campaignMax;
    }

    /** {@code 2×128 relu, adam lr 1.0e-03, batch 128} */
    String shortDescription() {
        return param(MlpParameters.HIDDEN_LAYERS) + "×" + param(MlpParameters.UNITS) + " " + param(MlpParameters.ACTIVATION)
                + ", dropout " + Formats.param(MlpParameters.DROPOUT, param(MlpParameters.DROPOUT))
                + ", " + param(MlpParameters.OPTIMIZER) + " lr " + Formats.param(MlpParameters.LEARNING_RATE, param(MlpParameters.LEARNING_RATE))
                + ", batch " + param(MlpParameters.BATCH_SIZE)
                + (Boolean.TRUE.equals(param(MlpParameters.BATCH_NORM)) ? ", batch norm" : "");
    }
}
