package io.paretune.controller.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.search.ParameterValues;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The JSON text columns (params, metrics) to and from Java, with the contract's codec and value normalization. */
public final class JsonColumns {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    public static String writeParams(Map<String, Object> params) {
        return Json.writeString(ParameterValues.normalize(params));
    }

    /** Parameters as they were sampled: integers as Long, other numbers as Double, sorted by name. */
    public static Map<String, Object> readParams(String json) {
        return ParameterValues.normalize(read(json, PARAMS));
    }

    public static String writeMetrics(Map<String, Double> metrics) {
        return Json.writeString(new TreeMap<>(metrics));
    }

    /** Metrics by wire name, sorted; empty when none were recorded. */
    public static Map<String, Double> readMetrics(String json) {
        if (json == null) {
            return Map.of();
        }
        return new LinkedHashMap<>(new TreeMap<>(read(json, METRICS)));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
