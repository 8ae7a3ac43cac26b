package io.paretune.bench.savings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The savings benchmark's campaign files, its curve and its verdict (the campaigns themselves need a running stack). */
class SavingsBenchmarkTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private static JsonNode trial(int number, String state, Integer epochsTrained, Object[]... epochs) {
        ObjectNode t = Json.mapper().createObjectNode();
        t.put("number", number);
        t.put("state", state);
        if (epochsTrained != null) {
            t.put("epochsTrained", epochsTrained);
        }
        for (Object[] e : epochs) {
            ObjectNode epoch = t.withArray("history").addObject();
            epoch.put("epoch", (Integer) e[0]);
            epoch.put("valAccuracy", (Double) e[1]);
            epoch.put("recordedAt", (String) e[2]);
        }
        return t;
    }

    /** The trials as the API returns them (fields a test leaves out are absent). */
    private static List<TrialView> trials(JsonNode... trials) {
        return Json.mapper().copy().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .convertValue(List.of(trials), new TypeReference<>() {
                });
    }

    @Test
    void curveFollowsTheOrderEpochsWereRecordedIn() {
        List<TrialView> trials = trials(
                trial(0, "COMPLETE", 3,
                        new Object[]{1, 0.80, "2025-01-01T00:00:01Z"},
                        new Object[]{2, 0.84, "2025-01-01T00:00:03Z"},
                        new Object[]{3, 0.83, "2025-01-01T00:00:05Z"}),
                trial(1, "PRUNED", 1,
                        new Object[]{1, 0.82, "2025-01-01T00:00:02Z"}),
                trial(2, "COMPLETE", 2,
                        new Object[]{1, 0.85, "2025-01-01T00:00:04Z"},
                        new Object[]{2, 0.86, "2025-01-01T00:00:06Z"}),
                trial(3, "FAIL", null));
        SavingsCurve curve = SavingsCurve.of(trials);
        assertThat(curve.epochs()).isEqualTo(6);
        assertThat(curve.bestValAccuracy()).isEqualTo(0.86);
        assertThat(curve.bestTrial()).isEqualTo(2);
        assertThat(curve.curve()).extracting(p -> List.of(p[0], p[1])).containsExactly(
                List.of(1.0, 0.80), List.of(2.0, 0.82), List.of(3.0, 0.84), List.of(4.0, 0.85), List.of(6.0, 0.86));
        assertThat(curve.trialStates()).isEqualTo(Map.of("COMPLETE", 2, "PRUNED", 1, "FAIL", 1));
        assertThat(curve.epochsToReach(0.845)).isEqualTo(4);
        assertThat(curve.epochsToReach(0.9)).isNull();
        assertThat(curve.unrecordedEpochs()).isZero();
    }

    @Test
    void epochsOfEarlierAttemptsCountThoughUnrecorded() {
        List<TrialView> trials = trials(
                trial(0, "COMPLETE", 5, new Object[]{5, 0.8, "2025-01-01T00:00:01Z"}));
        SavingsCurve curve = SavingsCurve.of(trials);
        assertThat(curve.epochs()).isEqualTo(5);
        assertThat(curve.unrecordedEpochs()).isEqualTo(4);
        assertThat(curve.curve()).hasSize(1);
    }

    @Test
    void verdictComparesBestAccuracyAndEpochs() {
        SavingsCurve random = new SavingsCurve(180, 0.890, 4, List.of(new double[]{20, 0.87}, new double[]{180, 0.890}),
                Map.of("COMPLETE", 20), 0);
        SavingsCurve good = new SavingsCurve(54, 0.888, 9, List.of(new double[]{10, 0.86}, new double[]{40, 0.888}),
                Map.of("COMPLETE", 3, "PRUNED", 17), 0);
        Map<String, Object> v = SavingsBenchmark.verdict(random, good);
        assertThat(v).containsEntry("best_val_difference_points", -0.2).containsEntry("epochs_ratio", 0.3)
                .containsEntry("tpe_asha_epochs_to_within_goal", 40).containsEntry("goal_met", true);
        SavingsCurve tooCostly = new SavingsCurve(70, 0.895, 9, List.of(new double[]{70, 0.895}), Map.of(), 0);
        assertThat(SavingsBenchmark.verdict(random, tooCostly)).containsEntry("goal_met", false);
        SavingsCurve worse = new SavingsCurve(50, 0.880, 9, List.of(new double[]{50, 0.880}), Map.of(), 0);
        assertThat(SavingsBenchmark.verdict(random, worse)).containsEntry("best_val_difference_points", -1.0)
                .containsEntry("goal_met", false);
        assertThat(SavingsBenchmark.verdict(random, null)).containsKey("note").doesNotContainKey("goal_met");
    }

    @Test
    void campaignFilesAreValidAndDifferOnlyInStrategy() throws Exception {
        CampaignSpecParser parser = new CampaignSpecParser(Set.of("random", "tpe"));
        CampaignSpecParser.Parsed random = parser.parse(Json.mapper().readTree(EXAMPLES.resolve("savings-random.json").toFile()));
        CampaignSpecParser.Parsed tpe = parser.parse(Json.mapper().readTree(EXAMPLES.resolve("savings-tpe-asha.json").toFile()));
        assertThat(random.errors()).isEmpty();
        assertThat(tpe.errors()).isEmpty();
        CampaignSpec r = random.spec();
        CampaignSpec t = tpe.spec();
        assertThat(t.searchSpace()).isEqualTo(r.searchSpace());
        assertThat(t.budget()).isEqualTo(r.budget());
        assertThat(t.dataset()).isEqualTo(r.dataset());
        assertThat(t.objectives()).isEqualTo(r.objectives());
        assertThat(t.earlyStopping()).isEqualTo(r.earlyStopping());
        assertThat(r.dataset().trainLimit()).as("full Fashion-MNIST").isNull();
        assertThat(r.budget().maxTrials()).isEqualTo(20);
        assertThat(r.budget().maxEpochsPerTrial()).isEqualTo(9);
        assertThat(r.earlyStopping().patience()).as("full fidelity: no early stopping inside a trial").isZero();
        assertThat(r.strategy().sampler()).isEqualTo("random");
        assertThat(r.strategy().pruner()).isNull();
        assertThat(t.strategy().sampler()).isEqualTo("tpe");
        assertThat(t.strategy().seed()).isEqualTo(r.strategy().seed());
        assertThat(t.strategy().pruner().type()).isEqualTo("asha");
        assertThat(t.strategy().pruner().minResource()).isEqualTo(1);
        assertThat(t.strategy().pruner().maxResource()).isEqualTo(9);
        assertThat(t.strategy().pruner().reductionFactor()).isEqualTo(3);
    }

    @Test
    void quickModeShrinksTheCampaignsAlike() throws Exception {
        ObjectNode spec = (ObjectNode) Json.mapper().readTree(EXAMPLES.resolve("savings-tpe-asha.json").toFile());
        ObjectNode quick = SavingsBenchmark.quick(spec);
        assertThat(quick.path("name").asText()).isEqualTo("savings-tpe-asha-quick");
        assertThat(quick.path("dataset").path("trainLimit").asInt()).isEqualTo(6000);
        assertThat(quick.path("budget").path("maxTrials").asInt()).isEqualTo(6);
        assertThat(quick.path("budget").path("maxEpochsPerTrial").asInt()).isEqualTo(3);
        assertThat(quick.path("strategy").path("pruner").path("maxResource").asInt()).isEqualTo(3);
        assertThat(spec.path("budget").path("maxTrials").asInt()).as("the original is untouched").isEqualTo(20);
        assertThat(new CampaignSpecParser(Set.of("random", "tpe")).parse(quick).errors()).isEmpty();
    }
}
