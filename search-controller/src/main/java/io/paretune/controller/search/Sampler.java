package io.paretune.controller.search;

import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.search.SearchSpace;

import java.util.List;
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
 * A conditional parameter is present exactly when its condition holds for the values proposed with it
 * ({@link io.paretune.contract.search.SearchSpace#isActive}).
 */
public interface Sampler {

    /** The name a campaign spec selects this sampler by ({@code "strategy": {"sampler": "random"}}). */
    String name();

    /** Values for every active parameter of the request's search space, by name. */
    Map<String, Object> sample(SamplingRequest request);

    /**
     * What is wrong with a campaign's {@code strategy.options} for this sampler, each error's field a JSON path such
     * as {@code strategy.options.nStartupTrials}; empty when they are fine. Unknown options are errors.
     *
     * @param objectiveCount how many objectives the campaign has (some samplers need one, others two or more)
     */
    default List<FieldError> checkOptions(Map<String, Object> options, int objectiveCount) {
        return options.keySet().stream().sorted()
                .map(k -> new FieldError("strategy.options." + k, "unknown option; the " + name() + " sampler takes none"))
                .toList();
    }

    /**
     * What is wrong with the combination of a campaign's search space and its (already accepted) options, for
     * samplers that cannot work with every space: a grid cannot enumerate a float range without listed values.
     * Fields are JSON paths ({@code searchSpace.dropout}, {@code strategy.options.points[2].units}); empty when fine.
     * Called at submission, after {@link #checkOptions} found nothing wrong.
     */
    default List<FieldError> checkSearchSpace(SearchSpace space, Map<String, Object> options) {
        return List.of();
    }
}
