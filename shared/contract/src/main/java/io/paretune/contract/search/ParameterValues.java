package io.paretune.contract.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One representation for parameter values everywhere: integral numbers as {@link Long}, other numbers as
 * {@link Double}, strings and booleans as they are. JSON readers produce Integer or Long depending on magnitude;
 * normalizing makes a value equal to itself after a round trip through Kafka or the database.
 *
 * <pre>{@code
 * ParameterValues.normalize(Map.of("units", 64)); // {units=64L}
 * }</pre>
 */
public final class ParameterValues {

    private ParameterValues() {
    }

    public static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof java.math.BigInteger n) {
            return n.longValueExact();
        }
        if (value instanceof java.math.BigDecimal n) {
            return n.doubleValue();
        }
        return value;
    }

    /** An unmodifiable copy, sorted by name, with every value normalized. */
    public static Map<String, Object> normalize(Map<String, Object> params) {
        if (params == null) {
            return Map.of();
        }
        Map<String, Object> copy = new TreeMap<>();
        params.forEach((k, v) -> copy.put(k, normalize(v)));
        return Collections.unmodifiableMap(new LinkedHashMap<>(copy));
    }

    public static List<Object> normalize(List<Object> values) {
        return values.stream().map(ParameterValues::normalize).toList();
    }
}
