package io.paretune.controller.search;

import java.util.Map;

/**
 * Proposes the parameters of the next trial (Optuna's sampler seam). A sampler keeps no state between calls: all it
 * may use is in the {@link SamplingRequest}, which the controller rebuilds from the database, so a restart never
 * changes what is proposed.
 *
 * <pre>{@code
 * Map<String, Object> params = sampler.sample(new SamplingRequest(space, objectives, seed, 7, finished, pending));
 * }</pre>
 * Values are integers as {@link Long}, other numbers as {@link Double}, categorical choices as the choice object.
 */
public interface Sampler {

    /** The name a campaign spec selects this sampler by ({@code "strategy": {"sampler": "random"}}). */
    String name();

    /** Values for every parameter of the request's search space, by name. */
    Map<String, Object> sample(SamplingRequest request);
}
