package io.paretune.controller.selection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A COMPLETE trial as the selection rules see it: what it was (parameters) and what it scored (every metric).
 *
 * @param number 0-based position of the trial in its campaign; ties between trials go to the lower number
 */
public record Contender(String trialId, int number, Map<String, Object> params, Map<String, Double> metrics) {

    public Contender {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
    }

    /** The metric's value when the trial has a finite one, else null. */
    public Double metric(String name) {
        Double v = metrics.get(name);
        return v != null && Double.isFinite(v) ? v : null;
    }
}
