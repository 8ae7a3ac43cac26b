package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paretune.contract.search.ParameterValues;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * How trials are proposed and stopped:
 * {@code {"sampler": "tpe", "seed": 42, "options": {"multivariate": true}, "pruner": {"type": "asha"}}}.
 * The same seed proposes the same trials.
 *
 * @param seed    null when the user gave none; the controller then draws one and records it
 * @param options sampler settings, checked by the sampler itself (each sampler documents its own)
 * @param pruner  null: every trial trains to the end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Absent: the random sampler, a seed drawn at submission, no pruner",
        additionalProperties = Schema.False.class)
public record StrategySpec(
        @Schema(description = "random (the default), grid, tpe, motpe or nsga2", example = "tpe")
        String sampler,
        @Schema(description = "Absent: the controller draws one and stores it", nullable = true)
        Long seed,
        @Schema(description = "The sampler's settings (see the controller README); finite numbers only")
        Map<String, Object> options,
        @Schema(nullable = true)
        PrunerSpec pruner) {

    public StrategySpec {
        options = options == null ? Map.of() : ParameterValues.normalize(options);
    }

    public StrategySpec(String sampler, Long seed) {
        this(sampler, seed, Map.of(), null);
    }

    public StrategySpec withSeed(long newSeed) {
        return new StrategySpec(sampler, newSeed, options, pruner);
    }
}
