package io.paretune.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import io.paretune.controller.testing.Specs;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    private static final String OBJECTIVES = """
            "objectives": [{"metric": "val_accuracy", "direction": "MAXIMIZE"}, {"metric": "latency_ms_p50", "direction": "MINIMIZE"}]""";

    @Test
    void paretoFrontIsAShortTableBestFirst() {
        JsonNode campaign = Specs.parse("{" + OBJECTIVES + """
                , "paretoFront": [
                  {"trialId": "b", "number": 2, "values": {"val_accuracy": 0.85, "latency_ms_p50": 0.2}, "feasible": true},
                  {"trialId": "a", "number": 11, "values": {"val_accuracy": 0.8, "latency_ms_p50": 0.1}, "feasible": true}]}
                """);
        assertThat(Reports.paretoFront(campaign)).isEqualTo("""
                Pareto front (2 trials no other beats on every objective, best first by val_accuracy):
                 #  val_accuracy (maximize)  latency_ms_p50 (minimize)  feasible
                --  -----------------------  -------------------------  --------
                 2                   0.8500                      0.200  yes
                11                   0.8000                      0.100  yes
                """);
    }

    @Test
    void frontsLongerThanTheTableSayHowManyMoreAndOmitFeasibleWithoutConstraints() {
        StringBuilder front = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            front.append(i == 0 ? "" : ",").append("{\"number\": ").append(i).append(", \"values\": {\"val_accuracy\": 0.")
                    .append(90 - i).append(", \"latency_ms_p50\": 0.").append(10 + i).append("}, \"feasible\": null}");
        }
        String report = Reports.paretoFront(Specs.parse("{" + OBJECTIVES + ", \"paretoFront\": [" + front + "]}"));
        assertThat(report).startsWith("Pareto front (12 trials").doesNotContain("feasible\n")
                .endsWith("... and 2 more (--json shows them all)\n");
        assertThat(report.lines().count()).isEqualTo(1 + 2 + Reports.FRONT_ROWS + 1);
    }

    @Test
    void singleObjectiveCampaignsShowNoFront() {
        assertThat(Reports.paretoFront(Specs.parse("""
                {"objectives": [{"metric": "val_accuracy", "direction": "MAXIMIZE"}],
                 "paretoFront": [{"number": 0, "values": {"val_accuracy": 0.9}}]}"""))).isEmpty();
    }

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
    void cnnCampaignsShowTheirKeyParametersWithDefaults() throws IOException {
        JsonNode campaign = json("{\"spec\": {\"evaluation\": \"pipeline\", \"modelFamily\": \"cnn\"}, \"best\": null}");
        JsonNode trials = json("""
                [{"id": "a", "number": 0, "state": "COMPLETE", "params": {"filters": 16, "kernelSize": 3},
                  "metrics": {"val_accuracy": 0.8}}]""");

        String[] lines = Reports.trialTable(Reports.trials(trials), campaign).split("\n");

        assertThat(lines[0]).containsSubsequence("#", "state", "convs", "filters", "kernel", "pooling", "dense")
                .doesNotContain("units");
        assertThat(lines[2]).containsSubsequence("0", "COMPLETE", "2", "16", "3", "max", "0");
        assertThat(new TrialView(trials.get(0)).shortDescription("cnn")).startsWith("2 conv 16×3×3 max, dense 0 relu");
    }

    @Test
    void pipelineCampaignsKeepTheModelTable() throws IOException {
        JsonNode campaign = json("{\"spec\": {\"evaluation\": \"pipeline\"}, \"best\": null}");
        String table = Reports.trialTable(Reports.trials(json("[]")), campaign);
        assertThat(table).isEqualTo("(no trials yet)\n");
        assertThat(Reports.isExternal(campaign)).isFalse();
    }
}
