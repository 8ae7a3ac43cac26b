package io.paretune.cli;

import io.paretune.contract.api.TrialView;
import io.paretune.contract.search.CnnParameters;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.ModelFamily;
import io.paretune.contract.search.ParameterRule;

/**
 * What the CLI prints about one trial beyond its raw fields: a parameter the campaign did not search shows the
 * default the worker trained with (from the contract's catalogue), epochs come from the best source there is.
 */
final class TrialFacts {

    private TrialFacts() {
    }

    /** The sampled value, else the family's default for a parameter the campaign left out. */
    static Object param(TrialView trial, String name) {
        Object v = trial.params() == null ? null : trial.params().get(name);
        if (v != null) {
            return v;
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

    static Double metric(TrialView trial, String name) {
        return trial.metrics() == null ? null : trial.metrics().get(name);
    }

    static boolean hasMetrics(TrialView trial) {
        return trial.metrics() != null && !trial.metrics().isEmpty();
    }

    /** Epochs actually trained: the controller's figure when known, else the evaluator's, else the history's. */
    static int epochsTrained(TrialView trial) {
        if (trial.epochsTrained() != null) {
            return trial.epochsTrained();
        }
        Double reported = metric(trial, "epochs_trained");
        return reported != null ? reported.intValue() : trial.history() == null ? 0 : trial.history().size();
    }

    /** Epochs this trial will train at most, or null when unknown. */
    static Integer epochsPlanned(TrialView trial, Integer campaignMax) {
        Object epochs = trial.params() == null ? null : trial.params().get(MlpParameters.EPOCHS);
        if (epochs instanceof Number n) {
            return campaignMax == null ? n.intValue() : Math.min(n.intValue(), campaignMax);
        }
        return campaignMax;
    }

    /**
     * {@code 2×128 relu, adam lr 1.0e-03, batch 128} for an mlp trial, {@code 2 conv 32×5×5 max, dense 0 relu, ...}
     * for a cnn one.
     */
    static String shortDescription(TrialView t, String family) {
        if (ModelFamily.CNN.wireName().equals(family)) {
            return param(t, CnnParameters.CONV_LAYERS) + " conv " + param(t, CnnParameters.FILTERS) + "×"
                    + param(t, CnnParameters.KERNEL_SIZE) + "×" + param(t, CnnParameters.KERNEL_SIZE) + " "
                    + param(t, CnnParameters.POOLING) + ", dense " + param(t, CnnParameters.DENSE_UNITS) + " "
                    + param(t, CnnParameters.ACTIVATION)
                    + ", dropout " + Formats.param(CnnParameters.DROPOUT, param(t, CnnParameters.DROPOUT))
                    + ", " + param(t, CnnParameters.OPTIMIZER) + " lr "
                    + Formats.param(CnnParameters.LEARNING_RATE, param(t, CnnParameters.LEARNING_RATE))
                    + ", batch " + param(t, CnnParameters.BATCH_SIZE)
                    + (Boolean.TRUE.equals(param(t, CnnParameters.BATCH_NORM)) ? ", batch norm" : "");
        }
        return param(t, MlpParameters.HIDDEN_LAYERS) + "×" + param(t, MlpParameters.UNITS) + " "
                + param(t, MlpParameters.ACTIVATION)
                + ", dropout " + Formats.param(MlpParameters.DROPOUT, param(t, MlpParameters.DROPOUT))
                + ", " + param(t, MlpParameters.OPTIMIZER) + " lr "
                + Formats.param(MlpParameters.LEARNING_RATE, param(t, MlpParameters.LEARNING_RATE))
                + ", batch " + param(t, MlpParameters.BATCH_SIZE)
                + (Boolean.TRUE.equals(param(t, MlpParameters.BATCH_NORM)) ? ", batch norm" : "");
    }
}
