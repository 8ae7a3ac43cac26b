package io.paretune.controller.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.messaging.Json;

import java.io.UncheckedIOException;

/** Campaign specs for tests: a valid one to start from, changed field by field. */
public final class Specs {

    private Specs() {
    }

    /** A valid spec: three parameters, two objectives (val_accuracy primary), seed 42. */
    public static ObjectNode valid(int maxTrials, int maxParallel) {
        return parse("""
                {
                  "name": "test campaign",
                  "dataset": {"name": "fashion-mnist", "validationFraction": 0.1, "trainLimit": 1000},
                  "modelFamily": "mlp",
                  "searchSpace": {
                    "units": {"type": "int", "low": 16, "high": 256, "log": true},
                    "learningRate": {"type": "float", "low": 1e-4, "high": 1e-1, "log": true},
                    "activation": {"type": "categorical", "choices": ["relu", "tanh", "gelu"]},
                    "batchSize": {"type": "int", "low": 32, "high": 256, "step": 32}
                  },
                  "objectives": [{"metric": "val_accuracy", "direction": "maximize"}, {"metric": "latency_ms_p50"}],
                  "budget": {"maxTrials": %d, "maxParallel": %d, "maxEpochsPerTrial": 2},
                  "strategy": {"sampler": "random", "seed": 42},
                  "earlyStopping": {"patience": 1}
                }
                """.formatted(maxTrials, maxParallel));
    }

    /** An external (ask/tell) campaign over one float, minimizing {@code loss}, as JSON text. */
    public static String external(int maxTrials, int maxParallel) {
        return """
                {"name": "external", "evaluation": "external",
                 "searchSpace": {"x": {"type": "float", "low": 0, "high": 1}},
                 "objectives": [{"metric": "loss", "direction": "minimize"}],
                 "budget": {"maxTrials": %d, "maxParallel": %d}, "strategy": {"sampler": "random", "seed": 1}}"""
                .formatted(maxTrials, maxParallel);
    }

    public static ObjectNode valid() {
        return valid(3, 2);
    }

    /** The spec with an {@code asha} pruner and trials of {@code maxEpochs} epochs. */
    public static ObjectNode withPruner(ObjectNode spec, int maxEpochs) {
        spec.with("budget").put("maxEpochsPerTrial", maxEpochs);
        spec.with("strategy").putObject("pruner").put("type", "asha").put("minResource", 1).put("reductionFactor", 2);
        return spec;
    }

    public static ObjectNode withSeed(ObjectNode spec, long seed) {
        spec.with("strategy").put("seed", seed);
        return spec;
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
