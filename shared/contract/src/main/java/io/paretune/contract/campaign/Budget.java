package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How much a campaign may spend: {@code {"maxTrials": 8, "maxParallel": 2, "maxEpochsPerTrial": 3}}.
 *
 * @param maxParallel       trials queued or training at the same time (for external campaigns: asked and not yet told)
 * @param maxEpochsPerTrial 0 for external campaigns, which count steps of their own (and then it is left out of JSON)
 */
public record Budget(int maxTrials, int maxParallel,
                     @JsonInclude(JsonInclude.Include.NON_DEFAULT) int maxEpochsPerTrial) {

    @JsonCreator
    static Budget fromJson(@JsonProperty("maxTrials") int maxTrials, @JsonProperty("maxParallel") int maxParallel,
                           @JsonProperty("maxEpochsPerTrial") Integer maxEpochsPerTrial) {
        return new Budget(maxTrials, maxParallel, maxEpochsPerTrial == null ? 0 : maxEpochsPerTrial);
    }
}
