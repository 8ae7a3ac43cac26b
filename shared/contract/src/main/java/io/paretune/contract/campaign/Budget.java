package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How much a campaign may spend: {@code {"maxTrials": 8, "maxParallel": 2, "maxEpochsPerTrial": 3}}.
 *
 * @param maxParallel       trials queued or training at the same time (for external campaigns: asked and not yet told)
 * @param maxEpochsPerTrial 0 for external campaigns, which count steps of their own (and then it is left out of JSON)
 */
@Schema(additionalProperties = Schema.False.class)
public record Budget(
        @Schema(required = true, minimum = "1", maximum = "" + CampaignSpecParser.MAX_TRIALS)
        int maxTrials,
        @Schema(minimum = "1", maximum = "" + CampaignSpecParser.MAX_PARALLEL, defaultValue = "1")
        int maxParallel,
        @Schema(description = "Required for pipeline campaigns, refused for external ones", minimum = "1",
                maximum = "" + CampaignSpecParser.MAX_EPOCHS_PER_TRIAL)
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int maxEpochsPerTrial) {

    @JsonCreator
    static Budget fromJson(@JsonProperty("maxTrials") int maxTrials, @JsonProperty("maxParallel") int maxParallel,
                           @JsonProperty("maxEpochsPerTrial") Integer maxEpochsPerTrial) {
        return new Budget(maxTrials, maxParallel, maxEpochsPerTrial == null ? 0 : maxEpochsPerTrial);
    }
}
