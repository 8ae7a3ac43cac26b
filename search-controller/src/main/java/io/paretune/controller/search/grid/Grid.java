package io.paretune.controller.search.grid;

import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.controller.search.SpaceValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Every point of a grid search, in a fixed order: the listed {@code points}, or the combinations of each parameter's
 * values walked in the space's sampling order (last parameter fastest). A conditional parameter takes part only in
 * the combinations where its condition holds, so a combination never repeats with an inactive parameter set to each
 * of its values. A point holds exactly its active parameters, fixed ones included.
 *
 * <pre>{@code
 * Grid grid = Grid.of(space, GridOptions.parse(options).options()); // throws InvalidGridException naming the fields
 * Map<String, Object> point = grid.point(grid.next(seed, taken));
 * }</pre>
 */
public final class Grid {

    /**
     * Most points a grid may have: each trial rebuilds the grid (samplers keep no state), and a grid search with more
     * points than this would never be walked through anyway.
     */
    public static final int MAX_POINTS = 100_000;
    private static final String VALUES_FIELD = "strategy.options." + GridOptions.VALUES;
    private static final String POINTS_FIELD = "strategy.options." + GridOptions.POINTS;

    /** Parameters in sampling order; a point is an array over them with null where a parameter is inactive. */
    private final List<String> names;
    private final List<Object[]> points;

    private Grid(List<String> names, List<Object[]> points) {
        this.names = names;
        this.points = points;
    }

    /** The grid's points are not what the space allows; every problem is named by its field. */
    public static final class InvalidGridException extends IllegalArgumentException {
        private final List<FieldError> errors;

        InvalidGridException(List<FieldError> errors) {
            super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""));
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** @throws InvalidGridException when a value lies outside the space, a float range has no values, or it is too large */
    public static Grid of(SearchSpace space, GridOptions options) {
        List<String> names = space.samplingOrder();
        List<FieldError> errors = new ArrayList<>();
        List<Object[]> points = options.points() != null
                ? listed(space, names, options.points(), errors)
                : combinations(space, names, options.values(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidGridException(errors);
        }
        return new Grid(names, points);
    }

    public int size() {
        return points.size();
    }

    /** Point {@code index} (in the grid's own order) as parameter values by name. */
    public Map<String, Object> point(int index) {
        Object[] values = points.get(index);
        Map<String, Object> point = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (values[i] != null) {
                point.put(names.get(i), values[i]);
            }
        }
        return point;
    }

    /**
     * The point the next trial takes: the grid is shuffled by {@code seed} (as Optuna's grid sampler picks unvisited
     * points at random, so that concurrent workers rarely collide), and the first point in that order that
     * {@code taken} holds least often wins. So every point is taken once before any is taken twice, and once all are
     * taken the walk starts over in the same order.
     *
     * @param taken parameter values of the campaign's trials so far, finished or pending (values that are no point of
     *              this grid are ignored)
     */
    public int next(long seed, List<Map<String, Object>> taken) {
        if (points.isEmpty()) {
            throw new IllegalStateException("an empty grid has no next point");
        }
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (Map<String, Object> params : taken) {
            key(params).ifPresent(k -> counts.merge(k, 1, Integer::sum));
        }
        int[] order = shuffled(points.size(), seed);
        int best = order[0];
        int bestCount = Integer.MAX_VALUE;
        for (int index : order) {
            int count = counts.getOrDefault(Arrays.asList(points.get(index)), 0);
            if (count < bestCount) {
                best = index;
                bestCount = count;
                if (count == 0) {
                    break;
                }
            }
        }
        return best;
    }

    /** {@code params} as a point of this grid's shape, empty when it names a parameter the space lacks. */
    private Optional<List<Object>> key(Map<String, Object> params) {
        Object[] values = new Object[names.size()];
        for (int i = 0; i < names.size(); i++) {
            values[i] = params.get(names.get(i));
        }
        if (!names.containsAll(params.keySet())) {
            return Optional.empty();
        }
        return Optional.of(Arrays.asList(values));
    }

    /** 0..n-1 in a random order fixed by {@code seed} (Fisher–Yates). */
    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static List<Object[]> combinations(SearchSpace space, List<String> names, Map<String, List<Object>> values,
                                               List<FieldError> errors) {
        for (String name : values.keySet()) {
            if (!space.parameters().containsKey(name)) {
                errors.add(new FieldError(VALUES_FIELD + "." + name, "unknown parameter; the search space has "
                        + space.parameters().keySet()));
            }
        }
        List<List<Object>> axes = new ArrayList<>();
        for (String name : names) {
            axes.add(axis(name, space.parameters().get(name), values.get(name), errors));
        }
        if (!errors.isEmpty()) {
            return List.of();
        }
        List<Object[]> points = new ArrayList<>();
        try {
            enumerate(space, names, axes, 0, new Object[names.size()], new LinkedHashMap<>(), points);
        } catch (TooLarge e) {
            errors.add(new FieldError("searchSpace", "the grid has more than " + MAX_POINTS + " points; list fewer "
                    + "values per parameter in " + VALUES_FIELD + " or give the points in " + POINTS_FIELD));
        }
        return points;
    }

    /** The values {@code name} takes in the grid: the listed ones, else all of its range. */
    private static List<Object> axis(String name, ParameterSpec spec, List<Object> listed, List<FieldError> errors) {
        if (listed != null) {
            List<Object> axis = new ArrayList<>();
            for (int i = 0; i < listed.size(); i++) {
                String field = VALUES_FIELD + "." + name + "[" + i + "]";
                try {
                    Object v = SpaceValues.conform(spec, listed.get(i));
                    int earlier = axis.indexOf(v);
                    if (earlier >= 0) {
                        errors.add(new FieldError(field, "repeats " + name + "[" + earlier + "]"));
                    } else {
                        axis.add(v);
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field, e.getMessage()));
                }
            }
            return axis;
        }
        if (spec instanceof ParameterSpec.FloatRange r) {
            if (r.low() == r.high()) {
                return List.of(r.low());
            }
            errors.add(new FieldError("searchSpace." + name, "a float range has no grid; list the values to try in "
                    + VALUES_FIELD + "." + name + " (e.g. [" + r.low() + ", " + r.high() + "])"));
            return List.of();
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            if (r.size() > MAX_POINTS) {
                errors.add(new FieldError("searchSpace." + name, "an int range of " + r.size() + " values is more than a "
                        + "grid may hold (" + MAX_POINTS + "); list the values to try in " + VALUES_FIELD + "." + name));
                return List.of();
            }
            List<Object> axis = new ArrayList<>();
            for (long v = r.low(); v <= r.high(); v += r.step()) {
                axis.add(v);
            }
            return axis;
        }
        if (spec instanceof ParameterSpec.Categorical c) {
            return c.choices();
        }
        if (spec instanceof ParameterSpec.Fixed f) {
            return List.of(f.value());
        }
        throw new IllegalArgumentException("unsupported parameter " + spec);
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private static void enumerate(SearchSpace space, List<String> names, List<List<Object>> axes, int i, Object[] current,
                                  Map<String, Object> assigned, List<Object[]> out) {
        if (i == names.size()) {
            if (out.size() == MAX_POINTS) {
                throw new TooLarge();
            }
            out.add(current.clone());
            return;
        }
        String name = names.get(i);
        if (!space.isActive(name, assigned)) {
            enumerate(space, names, axes, i + 1, current, assigned, out);
            return;
        }
        for (Object v : axes.get(i)) {
            current[i] = v;
            assigned.put(name, v);
            enumerate(space, names, axes, i + 1, current, assigned, out);
        }
        current[i] = null;
        assigned.remove(name);
    }

    private static List<Object[]> listed(SearchSpace space, List<String> names, List<Map<String, Object>> listed,
                                         List<FieldError> errors) {
        if (listed.size() > MAX_POINTS) {
            errors.add(new FieldError(POINTS_FIELD, "lists " + listed.size() + " points, more than " + MAX_POINTS));
            return List.of();
        }
        List<Object[]> points = new ArrayList<>();
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (int p = 0; p < listed.size(); p++) {
            String field = POINTS_FIELD + "[" + p + "]";
            Map<String, Object> given = listed.get(p);
            int before = errors.size();
            for (String name : given.keySet()) {
                if (!space.parameters().containsKey(name)) {
                    errors.add(new FieldError(field + "." + name, "unknown parameter; the search space has "
                            + space.parameters().keySet()));
                }
            }
            Object[] point = new Object[names.size()];
            Map<String, Object> assigned = new LinkedHashMap<>();
            Set<String> wrong = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                ParameterSpec spec = space.parameters().get(name);
                boolean active = space.isActive(name, assigned);
                Object value = given.get(name);
                if (spec.when() != null && wrong.contains(spec.when().parameter())) {
                    wrong.add(name); // whether it is active is unknown while its parent's value is wrong
                    continue;
                }
                if (!active) {
                    if (value != null) {
                        errors.add(new FieldError(field + "." + name, "is not active in this point: its condition on '"
                                + spec.when().parameter() + "' does not hold; leave it out"));
                    }
                    continue;
                }
                if (value == null) {
                    if (spec instanceof ParameterSpec.Fixed f) {
                        value = f.value();
                    } else {
                        errors.add(new FieldError(field + "." + name, "is missing; a point needs a value for every "
                                + "active parameter"));
                        wrong.add(name);
                        continue;
                    }
                }
                try {
                    point[i] = SpaceValues.conform(spec, value);
                    assigned.put(name, point[i]);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field + "." + name, e.getMessage()));
                    wrong.add(name);
                }
            }
            if (errors.size() > before) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(Arrays.asList(point), p);
            if (earlier != null) {
                errors.add(new FieldError(field, "repeats points[" + earlier + "]"));
            } else {
                points.add(point);
            }
        }
        return Collections.unmodifiableList(points);
    }

}
