package io.paretune.controller.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The samplers this controller implements, by name: every {@link Sampler} bean. Its {@link #names()} are what a
 * campaign spec may select (they feed {@code new CampaignSpecParser(names)}).
 */
@ApplicationScoped
public class SamplerRegistry {

    private final Map<String, Sampler> samplers;

    public SamplerRegistry(Instance<Sampler> samplers) {
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

    public Optional<Sampler> find(String name) {
        return Optional.ofNullable(samplers.get(name));
    }

    public Sampler get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no sampler named '" + name + "'; known: " + names()));
    }
}
