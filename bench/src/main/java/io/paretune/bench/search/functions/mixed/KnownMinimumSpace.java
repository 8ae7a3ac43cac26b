package io.paretune.bench.search.functions.mixed;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.SearchSpace;

import java.util.Map;

/**
 * What the mixed spaces share: a name, a space and a unique argmin where the value is 0. Subclasses only say how
 * the value is computed and described.
 */
abstract class KnownMinimumSpace implements TestFunction {

    private final String name;
    private final SearchSpace space;
    private final Map<String, Object> argmin;

    KnownMinimumSpace(String name, SearchSpace space, Map<String, Object> argmin) {
        this.name = name;
        this.space = space;
        this.argmin = Map.copyOf(argmin);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SearchSpace space() {
        return space;
    }

    @Override
    public final double optimum() {
        return 0;
    }

    @Override
    public final Map<String, Object> argmin() {
        return argmin;
    }
}
