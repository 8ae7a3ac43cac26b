package io.paretune.contract.search;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * When a conditional parameter exists: its {@code parameter} exists in the trial and its value is one of {@code in},
 * or a number within [{@code min}, {@code max}] (either bound may be absent). On the wire:
 * {@code {"parameter": "optimizer", "in": ["sgd", "nesterovs"]}} or {@code {"parameter": "layers", "min": 3}}.
 *
 * <pre>{@code
 * new Condition("layers", null, 3.0, null).holdsFor(4L); // true
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String parameter, List<Object> in, Double min, Double max) {

    public Condition {
        in = in == null ? null : List.copyOf(ParameterValues.normalize(in));
    }

    /** Whether a trial whose {@link #parameter} took {@code value} (null: the parameter is absent) has the dimension. */
    public boolean holdsFor(Object value) {
        if (value == null) {
            return false;
        }
        Object v = ParameterValues.normalize(value);
        if (in != null && !in.contains(v)) {
            return false;
        }
        if (min != null || max != null) {
            if (!(v instanceof Number n)) {
                return false;
            }
            double d = n.doubleValue();
            return (min == null || d >= min) && (max == null || d <= max);
        }
        return true;
    }
}
