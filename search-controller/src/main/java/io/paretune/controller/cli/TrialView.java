package io.paretune.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.search.CnnParameters;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.ModelFamily;
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
        // A name both families know has the same default in both (activation, dropout, learningRate, ...).
        for (ModelFamily family : ModelFamily.values()) {
            ParameterRule rule = family.rules().get(name);
            if (rule != null) {
                return rule.defaultValue();
            }
        }
        return null;
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

    /**
     * {@code 2×128 relu, adam lr 1.0e-03, batch 128} for an mlp trial, {@code 2 conv 32×5×5 max, dense 0 relu, ...}
     * for a cnn one.
     */
    String shortDescription(String family) {
        if (ModelFamily.CNN.wireName().equals(family)) {
            return param(CnnParameters.CONV_LAYERS) + " conv " + param(CnnParameters.FILTERS) + "×"
                    + param(CnnParameters.KERNEL_SIZE) + "×" + param(CnnParameters.KERNEL_SIZE) + " "
                    + param(CnnParameters.POOLING) + ", dense " + param(CnnParameters.DENSE_UNITS) + " "
                    + param(CnnParameters.ACTIVATION)
                    + ", dropout " + Formats.param(CnnParameters.DROPOUT, param(CnnParameters.DROPOUT))
                    + ", " + param(CnnParameters.OPTIMIZER) + " lr " + Formats.param(CnnParameters.LEARNING_RATE, param(CnnParameters.LEARNING_RATE))
                    + ", batch " + param(CnnParameters.BATCH_SIZE)
                    + (Boolean.TRUE.equals(param(CnnParameters.BATCH_NORM)) ? ", batch norm" : "");
        }
        return param(MlpParameters.HIDDEN_LAYERS) + "×" + param(MlpParameters.UNITS) + " " + param(MlpParameters.ACTIVATION)
                + ", dropout " + Formats.param(MlpParameters.DROPOUT, param(MlpParameters.DROPOUT))
                + ", " + param(MlpParameters.OPTIMIZER) + " lr " + Formats.param(MlpParameters.LEARNING_RATE, param(MlpParameters.LEARNING_RATE))
                + ", batch " + param(MlpParameters.BATCH_SIZE)
                + (Boolean.TRUE.equals(param(MlpParameters.BATCH_NORM)) ? ", batch norm" : "");
    }
}
