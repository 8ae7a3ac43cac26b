package io.paretune.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paretune.contract.api.CampaignDetail;
import io.paretune.contract.api.CampaignState;
import io.paretune.contract.api.TrialView;
import io.paretune.contract.api.Verdict;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    /** Trials written in tests name only the fields a case needs. */
    private static final ObjectMapper LENIENT = Json.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final String PIPELINE = """
            {"name": "t", "dataset": {"name": "fashion-mnist"},
             "searchSpace": {"units": {"type": "int", "low": 16, "high": 256}},
             "objectives": [%s],
             "budget": {"maxTrials": 4, "maxParallel": 1, "maxEpochsPerTrial": 2},
             "strategy": {"sampler": "random", "seed": 1}}""";
    private static final String ACCURACY = "{\"metric\": \"val_accuracy\", \"direction\": \"maximize\"}";
    private static final String TWO_OBJECTIVES = PIPELINE.formatted(ACCURACY
            + ", {\"metric\": \"latency_ms_p50\", \"direction\": \"minimize\"}");

    @Test
    void paretoFrontIsAShortTableBestFirst() {
        CampaignDetail campaign = detail(spec(TWO_OBJECTIVES), null, List.of(
                front(2, 0.85, 0.2, true), front(11, 0.8, 0.1, true)));
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
        List<CampaignDetail.ParetoTrialView> front = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            front.add(front(i, (90 - i) / 100.0, (10 + i) / 100.0, null));
        }
        String report = Reports.paretoFront(detail(spec(TWO_OBJECTIVES), null, front));
        assertThat(report).startsWith("Pareto front (12 trials").doesNotContain("feasible\n")
                .endsWith("... and 2 more (--json shows them all)\n");
        assertThat(report.lines().count()).isEqualTo(1 + 2 + Reports.FRONT_ROWS + 1);
    }

    @Test
    void singleObjectiveCampaignsShowNoFront() {
        CampaignSpec single = spec(PIPELINE.formatted(ACCURACY));
        assertThat(single.objectives()).hasSize(1);
        assertThat(Reports.paretoFront(detail(single, null, List.of(front(0, 0.9, 0.1, null))))).isEmpty();
    }

    @Test
    void externalCampaignsShowTheirOwnParametersAndMetrics() throws IOException {
        CampaignSpec external = spec("""
                {"name": "t", "evaluation": "external",
                 "searchSpace": {"x": {"type": "float", "low": -5, "high": 5},
                                 "kind": {"type": "categorical", "choices": ["a", "b"]}},
                 "objectives": [{"metric": "loss", "direction": "minimize"}],
                 "budget": {"maxTrials": 4, "maxParallel": 1}, "strategy": {"sampler": "random", "seed": 1}}""");
        CampaignDetail campaign = detail(external, best("b"), List.of());
        List<TrialView> trials = trials("""
                [{"id": "b", "number": 1, "state": "COMPLETE", "params": {"x": 0.25, "kind": "a"},
                  "intermediate": {"0": 3.0, "1": 2.0}, "metrics": {"loss": 0.125}, "primaryValue": 0.125},
                 {"id": "a", "number": 0, "state": "PRUNED", "params": {"x": -4.5, "kind": "b"},
                  "intermediate": {"0": 90.0}, "metrics": null, "primaryValue": 90.0}]""");

        String[] lines = Reports.trialTable(trials, campaign).split("\n");

        assertThat(lines[0]).containsSubsequence("#", "state", "kind", "x", "steps", "loss").doesNotContain("units");
        assertThat(lines[2]).containsSubsequence("0", "PRUNED", "b", "-4.50", "1", "90");
        assertThat(lines[3]).containsSubsequence("1*", "COMPLETE", "a", "0.25", "2", "0.1250");
    }

    @Test
    void cnnCampaignsShowTheirKeyParametersWithDefaults() throws IOException {
        CampaignDetail campaign = detail(spec(TWO_OBJECTIVES.replace("\"searchSpace\"", "\"modelFamily\": \"cnn\", \"searchSpace\"")
                .replace("\"units\"", "\"denseUnits\"")), null, List.of());
        List<TrialView> trials = trials("""
                [{"id": "a", "number": 0, "state": "COMPLETE", "params": {"filters": 16, "kernelSize": 3},
                  "metrics": {"val_accuracy": 0.8}}]""");

        String[] lines = Reports.trialTable(trials, campaign).split("\n");

        assertThat(lines[0]).containsSubsequence("#", "state", "convs", "filters", "kernel", "pooling", "dense")
                .doesNotContain("units");
        assertThat(lines[2]).containsSubsequence("0", "COMPLETE", "2", "16", "3", "max", "0");
        assertThat(TrialFacts.shortDescription(trials.get(0), "cnn")).startsWith("2 conv 16×3×3 max, dense 0 relu");
    }

    @Test
    void campaignsThatCompressShowWhatCompressionDid() throws IOException {
        CampaignDetail campaign = detail(spec(TWO_OBJECTIVES.replace("\"searchSpace\": {",
                "\"searchSpace\": {\"pruning\": {\"type\": \"categorical\", \"choices\": [\"none\", \"magnitude\"]}, ")),
                null, List.of());
        List<TrialView> trials = trials("""
                [{"id": "a", "number": 0, "state": "COMPLETE", "params": {"pruning": "magnitude", "precision": "int8"},
                  "metrics": {"val_accuracy": 0.85, "sparsity": 0.9, "nonzero_params": 11700,
                              "model_size_bytes": 24560}},
                 {"id": "b", "number": 1, "state": "COMPLETE", "params": {"pruning": "none"},
                  "metrics": {"val_accuracy": 0.86}}]""");

        String[] lines = Reports.trialTable(trials, campaign).split("\n");

        assertThat(lines[0]).containsSubsequence("batch", "pruning", "prec", "epochs", "params", "sparsity", "nonzero",
                "size kB");
        assertThat(lines[2]).containsSubsequence("magnitude", "int8", "0.8500", "0.90", "11,700", "24.6");
        assertThat(lines[3]).as("defaults of what the trial left out").containsSubsequence("none", "fp32", "0.8600");
        assertThat(Reports.trialTable(trials, detail(spec(TWO_OBJECTIVES), null, List.of())))
                .as("no compression searched: no compression columns").doesNotContain("pruning");
    }

    @Test
    void theVerdictIsOneLineNamingItsRule() {
        CampaignDetail campaign = detail(spec(TWO_OBJECTIVES), null, List.of());
        assertThat(Reports.verdict(campaign)).as("no trial complete yet").isEmpty();
        String sentence = "Trial 5: 0.1 points below the most accurate (trial 6), 1.6x fewer parameters, "
                + "1.1x faster at batch 1";
        assertThat(Reports.verdict(withVerdict(campaign, new Verdict("knee", "t5", 5, sentence,
                Map.of("val_accuracy", 0.8645))))).isEqualTo("Verdict (knee): " + sentence + "\n");
        assertThat(Reports.verdict(withVerdict(campaign, new Verdict("constraints", null, null,
                "No trial meets the constraints yet: all 3 complete trials miss them", null))))
                .isEqualTo("Verdict (constraints): No trial meets the constraints yet: all 3 complete trials miss them\n");
    }

    @Test
    void pipelineCampaignsKeepTheModelTable() {
        CampaignDetail campaign = detail(spec(TWO_OBJECTIVES), null, List.of());
        assertThat(Reports.trialTable(List.of(), campaign)).isEqualTo("(no trials yet)\n");
        assertThat(Reports.isExternal(campaign)).isFalse();
    }

    private static CampaignSpec spec(String json) {
        try {
            CampaignSpecParser.Parsed parsed = new CampaignSpecParser(Set.of("random")).parse(Json.mapper().readTree(json));
            assertThat(parsed.errors()).isEmpty();
            return parsed.spec();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static CampaignDetail detail(CampaignSpec spec, CampaignDetail.BestTrialView best,
                                         List<CampaignDetail.ParetoTrialView> front) {
        return new CampaignDetail("c", spec.name(), CampaignState.RUNNING, null, 1, "random", spec.objectives(), spec,
                null, null, null, Map.of(), best, front, null, 0, 0);
    }

    private static CampaignDetail withVerdict(CampaignDetail c, Verdict verdict) {
        return new CampaignDetail(c.id(), c.name(), c.state(), c.reason(), c.seed(), c.sampler(), c.objectives(),
                c.spec(), c.createdAt(), c.updatedAt(), c.finishedAt(), c.trialCounts(), c.best(), c.paretoFront(),
                verdict, c.epochsUsed(), c.epochsSaved());
    }

    private static CampaignDetail.BestTrialView best(String trialId) {
        return new CampaignDetail.BestTrialView(trialId, 1, Map.of(), Map.of(), null, null);
    }

    private static CampaignDetail.ParetoTrialView front(int number, double accuracy, double latency, Boolean feasible) {
        return new CampaignDetail.ParetoTrialView("t" + number, number,
                Map.of("val_accuracy", accuracy, "latency_ms_p50", latency), Map.of(), feasible);
    }

    private static List<TrialView> trials(String json) throws IOException {
        return LENIENT.readValue(json, new TypeReference<>() {
        });
    }
}
