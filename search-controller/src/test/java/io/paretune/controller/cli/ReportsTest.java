package io.paretune.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    @Test
    void externalCampaignsShowTheirOwnParametersAndMetrics() throws IOException {
        JsonNode campaign = json("""
                {"spec": {"evaluation": "external", "searchSpace": {"x": {}, "kind": {}}},
                 "objectives": [{"metric": "loss", "direction": "minimize"}], "best": {"trialId": "b"}}""");
        JsonNode trials = json("""
                [{"id": "b", "number": 1, "state": "COMPLETE", "params": {"x": 0.25, "kind": "a"},
                  "intermediate": {"0": 3.0, "1": 2.0}, "metrics": {"loss": 0.125}, "primaryValue": 0.125},
                 {"id": "a", "number": 0, "state": "PRUNED", "params": {"x": -4.5, "kind": "b"},
                  "intermediate": {"0": 90.0}, "metrics": null, "primaryValue": 90.0}]""");

        String table = Reports.trialTable(Reports.trials(trials), campaign);

        String[] lines = table.split("\n");
        assertThat(lines[0]).containsSubsequence("#", "state", "kind", "x", "steps", "loss").doesNotContain("units");
        assertThat(lines[2]).containsSubsequence("0", "PRUNED", "b", "-4.50", "1", "90");
        assertThat(lines[3]).containsSubsequence("1*", "COMPLETE", "a", "0.25", "2", "0.1250");
    }

    @Test
    void pipelineCampaignsKeepTheModelTable() throws IOException {
        JsonNode campaign = json("{\"spec\": {\"evaluation\": \"pipeline\"}, \"best\": null}");
        String table = Reports.trialTable(Reports.trials(json("[]")), campaign);
        assertThat(table).isEqualTo("(no trials yet)\n");
        assertThat(Reports.isExternal(campaign)).isFalse();
    }
}
