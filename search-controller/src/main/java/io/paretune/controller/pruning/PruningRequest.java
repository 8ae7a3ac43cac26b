package io.paretune.controller.pruning;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.controller.search.FrozenTrial;

import java.util.List;

/**
 * Everything a {@link Pruner} may use: the campaign's pruner spec (defaults filled in), the direction of its primary
 * objective, its seed, the trial in question with its intermediate values, and every other trial of the campaign,
 * finished or not, with theirs.
 *
 * @param step the step just reported by {@code trial} (its intermediate values hold it)
 */
public record PruningRequest(PrunerSpec spec, Direction direction, long seed, FrozenTrial trial, int step,
                             List<FrozenTrial> others) {

    public PruningRequest {
        others = List.copyOf(others);
    }
}
