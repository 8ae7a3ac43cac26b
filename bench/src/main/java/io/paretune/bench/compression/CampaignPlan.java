package io.paretune.bench.compression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * front-random, or unstructured-repeat: the unstructured campaign's dense and magnitude points again on another seed,
 * for the peer comparison), its label in the report, the spec file it came from and the spec as submitted (quick
 * patch and seed applied).
 *
 * <pre>{@code
 * List<CampaignPlan> plans = CampaignPlan.load(Path.of("bench/specs/compression"), true, 2, 1, CampaignPlan.KINDS);
 * }</pre>
 */
record CampaignPlan(String kind, String label, Path file, ObjectNode spec, long seed) {

    static final String UNSTRUCTURED = "unstructured";
    static final String STRUCTURED = "structured";
    static final String CNN = "cnn";
    static final String FRONT_MOTPE = "front-motpe";
    static final String FRONT_RANDOM = "front-random";
    static final List<String> KINDS = List.of(UNSTRUCTURED, STRUCTURED, CNN, FRONT_MOTPE, FRONT_RANDOM);
    /** Not a kind of its own on the command line: it comes with {@code unstructured} when the peer has seeds. */
    static final String UNSTRUCTURED_REPEAT = "unstructured-repeat";

    /** Where the quick patches are, relative to the spec directory. */
    static final String QUICK_DIR = "quick";

    /**
     * The campaigns of {@code kinds} in run order: one each; with unstructured and {@code peerSeeds} above 1, its
     * repeats on the next seeds ({@link #peerRepeat}); the front campaigns once per seed (the spec's seed, then the
     * next ones), guided and random alternating so that a cut-short run still pairs them.
     */
    static List<CampaignPlan> load(Path dir, boolean quick, int frontSeeds, int peerSeeds, Set<String> kinds)
            throws IOException {
        List<CampaignPlan> plans = new ArrayList<>();
        for (String kind : List.of(UNSTRUCTURED, STRUCTURED, CNN)) {
            if (kinds.contains(kind)) {
                ObjectNode spec = spec(dir, kind, quick);
                plans.add(new CampaignPlan(kind, kind, file(dir, kind), spec, spec.path("strategy").path("seed").asLong()));
            }
        }
        if (kinds.contains(UNSTRUCTURED)) {
            for (int i = 1; i < peerSeeds; i++) {
                ObjectNode spec = peerRepeat(spec(dir, UNSTRUCTURED, quick), i);
                long seed = spec.path("strategy").path("seed").asLong();
                plans.add(new CampaignPlan(UNSTRUCTURED_REPEAT, UNSTRUCTURED + "-s" + seed, file(dir, UNSTRUCTURED),
                        spec, seed));
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

    /**
     * The unstructured spec reduced to what the peer compares (the dense fp32 point and the magnitude fp32 points up
     * to the judged sparsity), on its seed plus {@code offset}: the trials' training seeds follow the campaign's.
     */
    static ObjectNode peerRepeat(ObjectNode unstructured, int offset) {
        ObjectNode spec = unstructured.deepCopy();
        ObjectNode strategy = (ObjectNode) spec.get("strategy");
        ArrayNode kept = Json.mapper().createArrayNode();
        for (JsonNode point : strategy.path("options").path("points")) {
            String pruning = point.path("pruning").asText();
            boolean fp32 = point.path("precision").asText("fp32").equals("fp32");
            boolean judged = pruning.equals("none")
                    || pruning.equals("magnitude") && point.path("targetSparsity").asDouble(1)
                    <= CompressionGoals.PEER_MAX_SPARSITY + 1e-9;
            if (fp32 && judged) {
                kept.add(point);
            }
        }
        ((ObjectNode) strategy.get("options")).set("points", kept);
        ((ObjectNode) spec.get("budget")).put("maxTrials", kept.size());
        long seed = strategy.path("seed").asLong() + offset;
        strategy.put("seed", seed);
        spec.put("name", spec.path("name").asText() + "-s" + seed);
        return spec;
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
