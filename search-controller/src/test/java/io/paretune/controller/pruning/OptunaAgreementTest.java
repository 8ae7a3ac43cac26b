package io.paretune.controller.pruning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the decisions Optuna 3.1's pruners took in random asynchronous campaigns
 * ({@code src/test/resources/pruning/optuna_cases.py} wrote them) and checks that ours take every one the same way.
 */
class OptunaAgreementTest {

    @Test
    void successiveHalvingDecidesAsOptunasSuccessiveHalvingPruner() throws IOException {
        int decisions = replay("asha");
        assertThat(decisions).as("decisions replayed").isGreaterThan(1000);
    }

    @Test
    void medianDecidesAsOptunasMedianPruner() throws IOException {
        int decisions = replay("median");
        assertThat(decisions).as("decisions replayed").isGreaterThan(1000);
    }

    /** Replays every case of the pruner type; returns how many decisions agreed. */
    private static int replay(String type) throws IOException {
        int decisions = 0;
        int pruned = 0;
        for (JsonNode c : cases()) {
            if (!c.get("pruner").asText().equals(type)) {
                continue;
            }
            Direction direction = Direction.fromWire(c.get("direction").asText());
            ScriptedCampaign campaign = new ScriptedCampaign(pruner(c), spec(c), direction, 1);
            List<String> disagreements = new ArrayList<>();
            for (JsonNode e : c.get("events")) {
                int trial = e.get(0).asInt();
                if (e.size() == 1) {
                    campaign.complete(trial);
                    continue;
                }
                boolean optuna = e.get(3).asInt() == 1;
                boolean ours = campaign.report(trial, e.get(1).asInt(), e.get(2).asDouble());
                if (ours != optuna) {
                    disagreements.add("trial " + trial + " at step " + e.get(1) + ": Optuna " + optuna + ", ours " + ours);
                    break; // what follows was played on Optuna's decision, not ours
                }
                decisions++;
                pruned += optuna ? 1 : 0;
            }
            assertThat(disagreements).as("case " + ((ObjectNode) c.deepCopy()).without("events")).isEmpty();
        }
        assertThat(pruned).as("stopped trials among the decisions").isGreaterThan(50);
        return decisions;
    }

    private static Pruner pruner(JsonNode c) {
        if (c.get("pruner").asText().equals(PrunerSpec.MEDIAN)) {
            return new MedianPruner();
        }
        // One bracket's ladder, whose early-stopping rate the Hyperband pruner would pick by the trial's bracket.
        SuccessiveHalving ladder = RungSpec.of(spec(c)).ladder(c.get("earlyStoppingRate").asInt());
        return new Pruner() {
            @Override
            public String type() {
                return "ladder";
            }

            @Override
            public boolean shouldPrune(PruningRequest request) {
                return ladder.shouldPrune(request.direction(), request.trial(), request.step(), request.others());
            }

            @Override
            public int nextDecisionStep(PruningRequest request, int currentStep, int lastStep) {
                return ladder.nextDecisionStep(currentStep, lastStep);
            }
        };
    }

    private static PrunerSpec spec(JsonNode c) {
        return c.get("pruner").asText().equals(PrunerSpec.MEDIAN)
                ? new PrunerSpec(PrunerSpec.MEDIAN, null, null, null, c.get("startupTrials").asInt(),
                        c.get("warmupSteps").asInt(), c.get("intervalSteps").asInt())
                : new PrunerSpec(PrunerSpec.ASHA, c.get("minResource").asInt(), c.get("maxResource").asInt(),
                        c.get("reductionFactor").asInt(), null, null, null);
    }

    private static JsonNode cases() throws IOException {
        try (InputStream in = OptunaAgreementTest.class.getResourceAsStream("/pruning/optuna-cases.json")) {
            JsonNode root = Json.mapper().readTree(in);
            assertThat(root.get("optuna").asText()).startsWith("3.1");
            return root.get("cases");
        }
    }
}
