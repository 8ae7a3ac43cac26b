package io.paretune.controller.pruning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The pruners this controller implements, by {@link Pruner#type()}: every {@link Pruner} bean. */
@ApplicationScoped
public class PrunerRegistry {

    private final Map<String, Pruner> pruners;

    public PrunerRegistry(Instance<Pruner> pruners) {
        Map<String, Pruner> byType = new TreeMap<>();
        for (Pruner pruner : pruners) {
            if (byType.put(pruner.type(), pruner) != null) {
                throw new IllegalStateException("two pruners of type '" + pruner.type() + "'");
            }
        }
        this.pruners = Collections.unmodifiableMap(byType);
    }

    public Set<String> types() {
        return pruners.keySet();
    }

    public Optional<Pruner> find(String type) {
        return Optional.ofNullable(pruners.get(type));
    }
}
