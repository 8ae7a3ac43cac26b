package io.paretune.contract.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * One dimension of a search space. On the wire: {@code {"type": "float", "low": 1e-4, "high": 1e-1, "log": true}},
 * {@code {"type": "int", "low": 1, "high": 4, "step": 1}}, {@code {"type": "categorical", "choices": ["relu", "tanh"]}}
 * or a fixed value ({@code {"type": "fixed", "value": 3}}, or just {@code 3}).
 * <p>
 * Any dimension may be conditional: {@code "when": {"parameter": "layers", "min": 3}} makes it exist only in trials
 * where {@code layers} exists and is at least 3 (see {@link Condition}).
 *
 * <pre>{@code
 * ParameterSpec lr = new ParameterSpec.FloatRange(1e-4, 1e-1, true);
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ParameterSpec.FloatRange.class, name = "float"),
        @JsonSubTypes.Type(value = ParameterSpec.IntRange.class, name = "int"),
        @JsonSubTypes.Type(value = ParameterSpec.Categorical.class, name = "categorical"),
        @JsonSubTypes.Type(value = ParameterSpec.Fixed.class, name = "fixed")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ParameterSpec {

    /** When this dimension exists; null: always. */
    Condition when();

    /** Values in [low, high]; sampled uniformly, or uniformly in log space when {@code log}. */
    record FloatRange(double low, double high, boolean log, Condition when) implements ParameterSpec {
        public FloatRange(double low, double high, boolean log) {
            this(low, high, log, null);
        }
    }

    /** Integers low, low+step, ... ≤ high; {@code log} samples uniformly in log space (step must be 1). */
    record IntRange(long low, long high, boolean log, long step, Condition when) implements ParameterSpec {
        public IntRange(long low, long high, boolean log, long step) {
            this(low, high, log, step, null);
        }

        /** Number of values this range holds. */
        public long size() {
            return (high - low) / step + 1;
        }
    }

    /** One of the listed values (strings, numbers or booleans). */
    record Categorical(List<Object> choices, Condition when) implements ParameterSpec {
        public Categorical {
            choices = List.copyOf(ParameterValues.normalize(choices));
        }

        public Categorical(List<Object> choices) {
            this(choices, null);
        }
    }

    /** Always the same value. */
    record Fixed(Object value, Condition when) implements ParameterSpec {
        public Fixed {
            value = ParameterValues.normalize(value);
        }

        public Fixed(Object value) {
            this(value, null);
        }
    }
}
