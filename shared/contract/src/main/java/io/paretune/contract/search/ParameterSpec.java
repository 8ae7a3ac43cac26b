package io.paretune.contract.search;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * One dimension of a search space. On the wire: {@code {"type": "float", "low": 1e-4, "high": 1e-1, "log": true}},
 * {@code {"type": "int", "low": 1, "high": 4, "step": 1}}, {@code {"type": "categorical", "choices": ["relu", "tanh"]}}
 * or a fixed value ({@code {"type": "fixed", "value": 3}}, or just {@code 3}).
 *
 * <pre>{@code
 * ParameterSpec lr = new ParameterSpec.FloatRange(1e-4, 1e-1, true);
 * }</pre>
 * Conditional parameters (present only when another takes a value) will be a field of these records.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ParameterSpec.FloatRange.class, name = "float"),
        @JsonSubTypes.Type(value = ParameterSpec.IntRange.class, name = "int"),
        @JsonSubTypes.Type(value = ParameterSpec.Categorical.class, name = "categorical"),
        @JsonSubTypes.Type(value = ParameterSpec.Fixed.class, name = "fixed")
})
public sealed interface ParameterSpec {

    /** Values in [low, high]; sampled uniformly, or uniformly in log space when {@code log}. */
    record FloatRange(double low, double high, boolean log) implements ParameterSpec {
    }

    /** Integers low, low+step, ... ≤ high; {@code log} samples uniformly in log space (step must be 1). */
    record IntRange(long low, long high, boolean log, long step) implements ParameterSpec {
        /** Number of values this range holds. */
        public long size() {
            return (high - low) / step + 1;
        }
    }

    /** One of the listed values (strings, numbers or booleans). */
    record Categorical(List<Object> choices) implements ParameterSpec {
        public Categorical {
            choices = List.copyOf(ParameterValues.normalize(choices));
        }
    }

    /** Always the same value. */
    record Fixed(Object value) implements ParameterSpec {
        public Fixed {
            value = ParameterValues.normalize(value);
        }
    }
}
