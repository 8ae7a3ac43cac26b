package io.paretune.controller.pruning;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pruners this controller implements, by {@link Pruner#type()}: those listed in
 * {@code META-INF/services/io.paretune.controller.pruning.Pruner}, found the same way by the service and the
 * pruner contract tests.
 *
 * <pre>{@code
 * Optional<Pruner> asha = new PrunerRegistry().find("asha");
 * }</pre>
 */
@ApplicationScoped
public class PrunerRegistry {

    private final Map<String, Pruner> pruners;

    /** Every pruner the class path lists. */
    public PrunerRegistry() {
        this(ServiceLoader.load(Pruner.class, Pruner.class.getClassLoader()));
    }

    public PrunerRegistry(Iterable<? extends Pruner> pruners) {
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

    /** Every pruner, by type. */
    public Collection<Pruner> all() {
        return pruners.values();
    }

    public Optional<Pruner> find(String type) {
        return Optional.ofNullable(pruners.get(type));
    }
}
