package io.paretune.controller.search;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The samplers this controller implements, by name: those listed in
 * {@code META-INF/services/io.paretune.controller.search.Sampler}. The service, the search benchmark and the sampler
 * contract tests all find them here, so a new sampler is one class and one line in that file. Its {@link #names()}
 * are what a campaign spec may select (they feed {@code new CampaignSpecParser(names)}).
 *
 * <pre>{@code
 * Sampler tpe = new SamplerRegistry().get("tpe");
 * }</pre>
 */
@ApplicationScoped
public class SamplerRegistry {

    private final Map<String, Sampler> samplers;

    /** Every sampler the class path lists. */
    public SamplerRegistry() {
        this(ServiceLoader.load(Sampler.class, Sampler.class.getClassLoader()));
    }

    public SamplerRegistry(Iterable<? extends Sampler> samplers) {
        Map<String, Sampler> byName = new TreeMap<>();
        for (Sampler sampler : samplers) {
            Sampler previous = byName.put(sampler.name(), sampler);
            if (previous != null) {
                throw new IllegalStateException("two samplers named '" + sampler.name() + "'");
            }
        }
        this.samplers = Collections.unmodifiableMap(byName);
    }

    public Set<String> names() {
        return samplers.keySet();
    }

    /** Every sampler, by name. */
    public Collection<Sampler> all() {
        return samplers.values();
    }

    public Optional<Sampler> find(String name) {
        return Optional.ofNullable(samplers.get(name));
    }

    public Sampler get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no sampler named '" + name + "'; known: " + names()));
    }
}
