package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Who evaluates a campaign's trials: {@code "pipeline"} (the default: trainer-workers train, the evaluator scores)
 * or {@code "external"} (nothing is dispatched; the user asks for trials and tells their values over the ask/tell
 * API, with parameter and metric names of their own).
 */
public enum Evaluation {
    PIPELINE, EXTERNAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Evaluation fromWire(String s) {
        return Evaluation.valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
