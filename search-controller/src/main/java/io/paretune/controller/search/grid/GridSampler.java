package io.paretune.controller.search.grid;

import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.search.SearchSpace;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;
import io.paretune.controller.search.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Grid search ({@code "grid"}, Optuna's {@code GridSampler}): every combination of the parameters' values, each
 * tried once before any is tried again.
 * <ul>
 *   <li>Categorical parameters take each choice, fixed ones their value, int ranges every value from low by step.
 *       Float ranges have no natural grid: their values must be listed in {@code strategy.options.values}
 *       ({@code {"dropout": [0.0, 0.25, 0.5]}}), which may also narrow any other parameter's values.</li>
 *   <li>Or {@code strategy.options.points} lists the points themselves
 *       ({@code [{"units": 64, "activation": "relu"}, ...]}); fixed parameters may be left out.</li>
 *   <li>A conditional parameter is gridded only where its condition holds, so no combination repeats.</li>
 * </ul>
 * Order: the grid shuffled by the campaign seed; trial {@code n} takes the first point in that order that no
 * finished or pending trial holds. Once all points are taken (a budget of more trials than the grid has points),
 * the walk starts over in the same order, each point taken once more before any a third time, and so on: Optuna
 * likewise re-evaluates a point once its grid is exhausted. The grid's size is {@link #size}; a budget beyond it
 * repeats trials (worth it only when training is noisy).
 * <p>
 * Stateless: the grid is rebuilt from the request, and which points are taken is read from its trials' values.
 */
public class GridSampler implements Sampler {

    public static final String NAME = "grid";
    /** Seed stream of the grid's shuffle. */
    private static final long SHUFFLE = 0x6A09_E667_F3BC_C908L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<FieldError> checkOptions(Map<String, Object> options, int objectiveCount) {
        return GridOptions.parse(options).errors();
    }

    @Override
    public List<FieldError> checkSearchSpace(SearchSpace space, Map<String, Object> options) {
        GridOptions.Parsed parsed = GridOptions.parse(options);
        if (!parsed.errors().isEmpty()) {
            return parsed.errors();
        }
        try {
            Grid.of(space, parsed.options());
            return List.of();
        } catch (Grid.InvalidGridException e) {
            return e.errors();
        }
    }

    /**
     * How many points the grid of this space and these options has.
     *
     * @throws Grid.InvalidGridException when the options do not make a grid of the space
     */
    public static int size(SearchSpace space, Map<String, Object> options) {
        return grid(space, options).size();
    }

    @Override
    public Map<String, Object> sample(SamplingRequest request) {
        Grid grid = grid(request.searchSpace(), request.options());
        List<Map<String, Object>> taken = new ArrayList<>();
        request.finished().stream().map(FrozenTrial::params).forEach(taken::add);
        request.pending().stream().map(FrozenTrial::params).forEach(taken::add);
        return grid.point(grid.next(Seeds.derive(request.seed(), SHUFFLE, 0), taken));
    }

    private static Grid grid(SearchSpace space, Map<String, Object> options) {
        GridOptions.Parsed parsed = GridOptions.parse(options);
        if (!parsed.errors().isEmpty()) {
            throw new Grid.InvalidGridException(parsed.errors());
        }
        return Grid.of(space, parsed.options());
    }
}
