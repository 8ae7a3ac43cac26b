package io.paretune.contract.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parameters a campaign searches, by name. Names are kept sorted so that a sampler walks them in the same
 * order whatever order the user wrote them in (a seed then always gives the same trials).
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.of(Map.of("units", new ParameterSpec.IntRange(32, 512, true, 1)));
 * Map<String, Object> params = new LinkedHashMap<>();
 * for (String name : space.samplingOrder()) {
 *     if (space.isActive(name, params)) params.put(name, draw(space.parameters().get(name)));
 * }
 * }</pre>
 */
public record SearchSpace(@JsonValue SortedMap<String, ParameterSpec> parameters) {

    public SearchSpace {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    @JsonCreator
    public static SearchSpace of(Map<String, ParameterSpec> parameters) {
        return new SearchSpace(new TreeMap<>(parameters));
    }

    /**
     * Parameter names with every condition's parameter before the parameters it conditions, otherwise by name: the
     * order a sampler must assign values in.
     *
     * @throws IllegalStateException when conditions refer to unknown parameters or form a cycle (see {@link #conditionProblem()})
     */
    @JsonIgnore
    public List<String> samplingOrder() {
        Optional<String> problem = conditionProblem();
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : parameters.keySet()) {
            visit(name, ordered);
        }
        return List.copyOf(ordered);
    }

    private void visit(String name, Set<String> ordered) {
        if (ordered.contains(name)) {
            return;
        }
        Condition when = parameters.get(name).when();
        if (when != null) {
            visit(when.parameter(), ordered);
        }
        ordered.add(name);
    }

    /** Whether {@code name} exists in a trial that has the (earlier) values {@code assigned}. */
    public boolean isActive(String name, Map<String, Object> assigned) {
        ParameterSpec spec = parameters.get(name);
        if (spec == null) {
            return false;
        }
        Condition when = spec.when();
        return when == null || when.holdsFor(assigned.get(when.parameter()));
    }

    /** Whether any dimension is conditional. */
    @JsonIgnore
    public boolean isConditional() {
        return parameters.values().stream().anyMatch(p -> p.when() != null);
    }

    /** What is wrong with the conditions, if anything: a condition on an unknown parameter, or a cycle. */
    @JsonIgnore
    public Optional<String> conditionProblem() {
        for (Map.Entry<String, ParameterSpec> e : parameters.entrySet()) {
            List<String> chain = new ArrayList<>();
            String current = e.getKey();
            while (parameters.containsKey(current) && parameters.get(current).when() != null) {
                chain.add(current);
                String parent = parameters.get(current).when().parameter();
                if (!parameters.containsKey(parent)) {
                    return Optional.of("'" + current + "' depends on unknown parameter '" + parent + "'");
                }
                if (chain.contains(parent)) {
                    chain.add(parent);
                    return Optional.of("conditions form a cycle: " + String.join(" -> ", chain));
                }
                current = parent;
            }
        }
        return Optional.empty();
    }
}
