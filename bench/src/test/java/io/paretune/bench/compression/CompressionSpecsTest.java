package io.paretune.bench.compression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionSpecsTest {

    /** Tests run in the module directory; the specs live beside its sources. */
    private static final Path SPECS = Path.of("specs", "compression");

    private final CampaignSpecParser parser = new CampaignSpecParser(Set.of("random", "grid", "tpe", "motpe", "nsga2"));

    @Test
    void everyFullAndQuickSpecParsesWithoutErrors() throws Exception {
        for (boolean quick : List.of(false, true)) {
            List<CampaignPlan> plans = CampaignPlan.load(SPECS, quick, 2, 2, Set.copyOf(CampaignPlan.KINDS));
            assertThat(plans).hasSize(3 + 1 + 2 * 2);
            for (CampaignPlan plan : plans) {
                CampaignSpecParser.Parsed parsed = parser.parse(plan.spec());
                assertThat(parsed.errors()).as(plan.label() + (quick ? " (quick)" : "")).isEmpty();
            }
        }
    }

    @Test
    void gridCampaignsBudgetOneTrialPerPoint() throws Exception {
        for (String kind : List.of(CampaignPlan.UNSTRUCTURED, CampaignPlan.STRUCTURED)) {
            ObjectNode spec = CampaignPlan.spec(SPECS, kind, false);
            assertThat(spec.path("budget").path("maxTrials").asInt()).as(kind)
                    .isEqualTo(spec.path("strategy").path("options").path("points").size());
        }
    }

    @Test
    void unstructuredTrialsTrainOnThePeersScheduleWithoutEarlyStopping() throws Exception {
        // The peer trains epochs - fineTuneEpochs dense epochs, then fine-tunes: early stopping would cut Paretune's
        // dense phase short and compare different schedules.
        ObjectNode spec = CampaignPlan.spec(SPECS, CampaignPlan.UNSTRUCTURED, false);
        assertThat(spec.path("earlyStopping").path("patience").isInt()).isTrue();
        assertThat(spec.path("earlyStopping").path("patience").asInt()).isZero();
    }

    @Test
    void quickPatchShrinksTheSliceButKeepsTheGrid() throws Exception {
        ObjectNode full = CampaignPlan.spec(SPECS, CampaignPlan.UNSTRUCTURED, false);
        ObjectNode quick = CampaignPlan.spec(SPECS, CampaignPlan.UNSTRUCTURED, true);
        assertThat(quick.path("dataset").path("trainLimit").asInt()).isEqualTo(6000);
        assertThat(quick.path("dataset").path("validationFraction").asDouble()).isEqualTo(0.1);
        assertThat(quick.path("budget").path("maxEpochsPerTrial").asInt())
                .isLessThan(full.path("budget").path("maxEpochsPerTrial").asInt());
        assertThat(quick.path("searchSpace").path("fineTuneEpochs").path("when"))
                .isEqualTo(full.path("searchSpace").path("fineTuneEpochs").path("when"));
        assertThat(quick.path("strategy").path("options").path("points"))
                .isEqualTo(full.path("strategy").path("options").path("points"));
    }

    @Test
    void frontCampaignsRunOncePerSeedWithTheSameSeedsOnBothSides() throws Exception {
        List<CampaignPlan> plans = CampaignPlan.load(SPECS, false, 3, 3,
                Set.of(CampaignPlan.FRONT_MOTPE, CampaignPlan.FRONT_RANDOM));
        assertThat(plans).extracting(CampaignPlan::label).containsExactly("front-motpe-s100", "front-random-s100",
                "front-motpe-s101", "front-random-s101", "front-motpe-s102", "front-random-s102");
        assertThat(plans).allSatisfy(p -> assertThat(p.spec().path("strategy").path("seed").asLong()).isEqualTo(p.seed()));
        // Same space and budget: only the sampler (and its options) differs.
        ObjectNode motpe = plans.get(0).spec().deepCopy();
        ObjectNode random = plans.get(1).spec().deepCopy();
        for (ObjectNode s : List.of(motpe, random)) {
            s.remove("name");
            s.remove("strategy");
        }
        assertThat(motpe).isEqualTo(random);
    }

    @Test
    void specPatchMergesObjectsReplacesArraysAndRemovesNulls() throws Exception {
        ObjectNode spec = (ObjectNode) Json.mapper().readTree(
                "{\"a\": {\"b\": 1, \"c\": 2}, \"d\": [1, 2], \"e\": 3}");
        ObjectNode patched = SpecPatch.apply(spec, Json.mapper().readTree(
                "{\"a\": {\"c\": 5}, \"d\": [9], \"e\": null, \"f\": true}"));
        assertThat(patched).isEqualTo(Json.mapper().readTree("{\"a\": {\"b\": 1, \"c\": 5}, \"d\": [9], \"f\": true}"));
        assertThat(spec.path("e").asInt()).isEqualTo(3);
    }

    @Test
    void peerSeedsRepeatTheUnstructuredDenseAndMagnitudePointsOnTheNextSeeds() throws Exception {
        List<CampaignPlan> plans = CampaignPlan.load(SPECS, false, 1, 3, Set.of(CampaignPlan.UNSTRUCTURED));
        assertThat(plans).extracting(CampaignPlan::label)
                .containsExactly("unstructured", "unstructured-s12", "unstructured-s13");
        CampaignPlan repeat = plans.get(2);
        assertThat(repeat.kind()).isEqualTo(CampaignPlan.UNSTRUCTURED_REPEAT);
        assertThat(repeat.seed()).isEqualTo(13);
        assertThat(repeat.spec().path("strategy").path("seed").asLong()).isEqualTo(13);
        // Only what the peer judges: dense fp32 and magnitude fp32 up to 95 %; no int8, gradual or 97 %.
        List<String> points = new java.util.ArrayList<>();
        repeat.spec().path("strategy").path("options").path("points").forEach(p -> points.add(
                p.path("pruning").asText() + "/" + p.path("targetSparsity").asText("-") + "/" + p.path("precision").asText()));
        assertThat(points).containsExactly("none/-/fp32", "magnitude/0.5/fp32", "magnitude/0.8/fp32",
                "magnitude/0.9/fp32", "magnitude/0.92/fp32", "magnitude/0.95/fp32");
        assertThat(repeat.spec().path("budget").path("maxTrials").asInt()).isEqualTo(points.size());
        ObjectNode first = plans.get(0).spec().deepCopy();
        ObjectNode again = repeat.spec().deepCopy();
        for (ObjectNode s : List.of(first, again)) {
            s.remove("name");
            s.remove("strategy");
            s.remove("budget");
        }
        assertThat(again).isEqualTo(first);
        assertThat(parser.parse(repeat.spec()).errors()).isEmpty();
        assertThat(CampaignPlan.load(SPECS, false, 1, 1, Set.of(CampaignPlan.UNSTRUCTURED))).hasSize(1);
    }

    @Test
    void peerTrainsTheUnstructuredNetworkOnItsScheduleAndSparsities() throws Exception {
        List<String> args = TorchPeer.arguments(CampaignPlan.spec(SPECS, CampaignPlan.UNSTRUCTURED, true), 43);
        assertThat(String.join(" ", args)).isEqualTo("--hidden-layers 2 --units 300 --learning-rate 0.001 "
                + "--batch-size 128 --epochs 3 --fine-tune-epochs 1 --validation-fraction 0.1 --train-limit 6000 "
                + "--sparsities 0.5,0.8,0.9,0.92,0.95,0.97 --seed 43");
    }
}
