package io.paretune.systemtests.e2e;

/** Campaign specs more than one end-to-end test runs. */
final class CampaignSpecs {

    private CampaignSpecs() {
    }

    /**
     * An ASHA campaign of 6 trials, 3 epochs, rungs at epochs 1 and 2, so every segment is one epoch. Every trial has
     * the same network (only the learning rate varies), so segments take about the same time. Three trials are in
     * flight on two workers, so a job is always waiting: a worker that has just checkpointed takes that waiting job at
     * once (it is first on the queue), and the next segment of its trial goes to the first worker free after it,
     * which with equal segments is the other one.
     */
    static String ashaOnTwoWorkers(String name, long seed) {
        return """
                {
                  "name": "%s",
                  "dataset": {"name": "fashion-mnist", "validationFraction": 0.2, "trainLimit": 2500},
                  "searchSpace": {
                    "hiddenLayers": 1, "units": 32, "batchSize": 50,
                    "learningRate": {"type": "float", "low": 1e-4, "high": 3e-2, "log": true}
                  },
                  "objectives": [{"metric": "val_accuracy"}],
                  "budget": {"maxTrials": 6, "maxParallel": 3, "maxEpochsPerTrial": 3},
                  "strategy": {"sampler": "random", "seed": %d,
                               "pruner": {"type": "asha", "minResource": 1, "reductionFactor": 2}},
                  "earlyStopping": {"patience": 0}
                }
                """.formatted(name, seed);
    }
}
