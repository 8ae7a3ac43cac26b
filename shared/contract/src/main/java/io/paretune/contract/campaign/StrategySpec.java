package io.paretune.contract.campaign;

/**
 * How trials are proposed: {@code {"sampler": "random", "seed": 42}}. The same seed proposes the same trials.
 *
 * @param seed null when the user gave none; the controller then draws one and records it
 */
public record StrategySpec(String sampler, Long seed) {
}
