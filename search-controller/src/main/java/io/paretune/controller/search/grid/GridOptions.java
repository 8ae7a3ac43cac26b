package io.paretune.controller.search.grid;

import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.search.ParameterValues;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The grid sampler's {@code strategy.options}, read and checked for shape (what the values mean for the search
 * space is {@link Grid}'s business):
 * <ul>
 *   <li>{@code values}: per parameter, the values to grid over instead of its range
 *       ({@code {"dropout": [0.0, 0.25, 0.5]}}); required for float ranges, which have no natural grid;</li>
 *   <li>{@code points}: the grid itself, as a list of points ({@code [{"units": 64, "activation": "relu"}, ...]});
 *       fixed parameters may be left out.</li>
 * </ul>
 *
 * @param values by parameter name, each list as written (values normalized); empty when not given
 * @param points null when not given
 */
public record GridOptions(Map<String, List<Object>> values, List<Map<String, Object>> points) {

    public static final String VALUES = "values";
    public static final String POINTS = "points";
    private static final String FIELD = "strategy.options.";

    public GridOptions {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        points = points == null ? null : List.copyOf(points);
    }

    /** Options read and checked: {@code options} is null exactly when {@code errors} is not empty. */
    public record Parsed(GridOptions options, List<FieldError> errors) {
    }

    public static Parsed parse(Map<String, Object> raw) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : new TreeMap<>(raw).keySet()) {
            if (!key.equals(VALUES) && !key.equals(POINTS)) {
                errors.add(new FieldError(FIELD + key, "unknown option; the grid sampler takes '" + VALUES
                        + "' (per parameter, the values to grid over) and '" + POINTS + "' (the points themselves)"));
            }
        }
        Map<String, List<Object>> values = raw.containsKey(VALUES) ? values(raw.get(VALUES), errors) : Map.of();
        List<Map<String, Object>> points = raw.containsKey(POINTS) ? points(raw.get(POINTS), errors) : null;
        if (raw.containsKey(VALUES) && raw.containsKey(POINTS)) {
            errors.add(new FieldError(FIELD + POINTS, "cannot be combined with '" + VALUES
                    + "': the listed points are the whole grid"));
        }
        return errors.isEmpty() ? new Parsed(new GridOptions(values, points), List.of()) : new Parsed(null, List.copyOf(errors));
    }

    private static Map<String, List<Object>> values(Object node, List<FieldError> errors) {
        String field = FIELD + VALUES;
        if (!(node instanceof Map<?, ?> map) || map.isEmpty()) {
            errors.add(new FieldError(field, "must be a non-empty object of parameter -> list of values, e.g. "
                    + "{\"dropout\": [0.0, 0.25, 0.5]}"));
            return Map.of();
        }
        Map<String, List<Object>> values = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof List<?> list) || list.isEmpty()) {
                errors.add(new FieldError(field + "." + name, "must be a non-empty list of values"));
                continue;
            }
            List<Object> normalized = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object v = ParameterValues.normalize(list.get(i));
                if (isScalar(v)) {
                    normalized.add(v);
                } else {
                    errors.add(new FieldError(field + "." + name + "[" + i + "]", "must be a string, number or boolean"));
                }
            }
            values.put(name, normalized);
        }
        return values;
    }

    private static List<Map<String, Object>> points(Object node, List<FieldError> errors) {
        String field = FIELD + POINTS;
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            errors.add(new FieldError(field, "must be a non-empty list of points, each an object of parameter -> value"));
            return null;
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                errors.add(new FieldError(field + "[" + i + "]", "must be an object of parameter -> value"));
                continue;
            }
            Map<String, Object> point = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                String name = String.valueOf(e.getKey());
                Object v = ParameterValues.normalize(e.getValue());
                if (isScalar(v)) {
                    point.put(name, v);
                } else {
                    errors.add(new FieldError(field + "[" + i + "]." + name, "must be a string, number or boolean"));
                }
            }
            points.add(point);
        }
        return points;
    }

    private static boolean isScalar(Object v) {
        return v instanceof String || v instanceof Boolean || v instanceof Number;
    }
}
