package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paretune.contract.search.ParameterValues;

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
public record StrategySpec(String sampler, Long seed, Map<String, Object> options, PrunerSpec pruner) {

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
