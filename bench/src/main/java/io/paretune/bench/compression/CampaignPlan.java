package io.paretune.bench.compression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.messaging.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One campaign the benchmark submits: which part of it ({@code kind}: unstructured, structured, cnn, front-motpe,
 * front-random), its label in the report, the spec file it came from and the spec as submitted (quick patch and
 * seed applied).
 *
 * <pre>{@code
 * List<CampaignPlan> plans = CampaignPlan.load(Path.of("bench/specs/compression"), true, 2, CampaignPlan.KINDS);
 * }</pre>
 */
record CampaignPlan(String kind, String label, Path file, ObjectNode spec, long seed) {

    static final String UNSTRUCTURED = "unstructured";
    static final String STRUCTURED = "structured";
    static final String CNN = "cnn";
    static final String FRONT_MOTPE = "front-motpe";
    static final String FRONT_RANDOM = "front-random";
    static final List<String> KINDS = List.of(UNSTRUCTURED, STRUCTURED, CNN, FRONT_MOTPE, FRONT_RANDOM);

    /** Where the quick patches are, relative to the spec directory. */
    static final String QUICK_DIR = "quick";

    /**
     * The campaigns of {@code kinds} in run order: one each, the front campaigns once per seed (the spec's seed,
     * then the next ones), guided and random alternating so that a cut-short run still pairs them.
     */
    static List<CampaignPlan> load(Path dir, boolean quick, int frontSeeds, Set<String> kinds) throws IOException {
        List<CampaignPlan> plans = new ArrayList<>();
        for (String kind : List.of(UNSTRUCTURED, STRUCTURED, CNN)) {
            if (kinds.contains(kind)) {
                ObjectNode spec = spec(dir, kind, quick);
                plans.add(new CampaignPlan(kind, kind, file(dir, kind), spec, spec.path("strategy").path("seed").asLong()));
            }
        }
        for (int i = 0; i < frontSeeds; i++) {
            for (String kind : List.of(FRONT_MOTPE, FRONT_RANDOM)) {
                if (!kinds.contains(kind)) {
                    continue;
                }
                ObjectNode spec = spec(dir, kind, quick);
                long seed = spec.path("strategy").path("seed").asLong() + i;
                ((ObjectNode) spec.get("strategy")).put("seed", seed);
                spec.put("name", spec.path("name").asText() + "-s" + seed);
                plans.add(new CampaignPlan(kind, kind + "-s" + seed, file(dir, kind), spec, seed));
            }
        }
        return plans;
    }

    static Path file(Path dir, String kind) {
        return dir.resolve(kind + ".json");
    }

    /** The spec of {@code kind}, with its quick patch applied when asked. */
    static ObjectNode spec(Path dir, String kind, boolean quick) throws IOException {
        ObjectNode spec = (ObjectNode) read(file(dir, kind));
        if (!quick) {
            return spec;
        }
        Path patch = dir.resolve(QUICK_DIR).resolve(kind + ".json");
        return Files.exists(patch) ? SpecPatch.apply(spec, read(patch)) : spec;
    }

    private static JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no campaign spec at " + file);
        }
        return Json.mapper().readTree(file.toFile());
    }
}
