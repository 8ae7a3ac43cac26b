package io.paretune.contract.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parameters a campaign searches, by name. Names are kept sorted so that a sampler walks them in the same
 * order whatever order the user wrote them in (a seed then always gives the same trials).
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.of(Map.of("units", new ParameterSpec.IntRange(32, 512, true, 1)));
 * space.parameters().forEach((name, spec) -> ...);
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
}
