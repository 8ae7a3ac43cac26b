package io.paretune.controller.selection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.paretune.controller.selection.Campaigns.ACCURACY_LATENCY;
import static io.paretune.controller.selection.Campaigns.five;
import static io.paretune.controller.selection.Campaigns.spec;
import static io.paretune.controller.selection.Campaigns.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The front's hypervolume in normalized objectives, reference 1.1 in each, worked out by hand. */
class FrontReportTest {

    @Test
    void twoObjectives() {
        // Normalized front (0, 1), (0.05, 1/3), (0.25, 1/9), (1, 0), swept by the first objective:
        // 1.1 x 0.1 + 1.05 x 2/3 + 0.85 x 2/9 + 0.1 x 1/9 = 0.11 + 0.7 + 0.18889 + 0.01111 = 1.01.
        FrontReport report = FrontReport.of(TradeOffs.of(spec(ACCURACY_LATENCY, "null", "null"), five()));
        assertThat(report.hypervolume()).isCloseTo(1.01, within(1e-12));
        assertThat(report.omitted()).isNull();
        assertThat(report.feasibleOnly()).isTrue();
        assertThat(report.bounds().reference()).as("in minimized units: -0.90 + 0.1 x 0.2, 0.50 + 0.1 x 0.45")
                .containsExactly(new double[]{-0.68, 0.545}, within(1e-12));
        assertThat(FrontReport.maximum(2)).isCloseTo(1.21, within(1e-12));
    }

    @Test
    void threeObjectivesInBothDirections() {
        // Normalized: (0, 1, 1), (1, 0, 1), (1, 1, 0) and (0.5, 0.5, 0.5). The last one's box is 0.6³ = 0.216;
        // each of the others adds its part with its own best coordinate below 0.5: 0.5 x 0.1 x 0.1 = 0.005.
        String objectives = """
                [{"metric": "a", "direction": "minimize"}, {"metric": "b", "direction": "maximize"},
                 {"metric": "c", "direction": "minimize"}]""";
        List<Contender> trials = List.of(trial(0, "a", 0, "b", 0, "c", 2), trial(1, "a", 2, "b", 2, "c", 2),
                trial(2, "a", 2, "b", 0, "c", 0), trial(3, "a", 1, "b", 1, "c", 1));
        TradeOffs tradeOffs = TradeOffs.of(spec(objectives, "null", "null"), trials);
        assertThat(tradeOffs.normalized(tradeOffs.scored().stream().filter(s -> s.number() == 1).findFirst()
                .orElseThrow())).containsExactly(1, 0, 1);
        assertThat(FrontReport.of(tradeOffs).hypervolume()).isCloseTo(0.231, within(1e-12));
    }

    @Test
    void theFrontOfFeasibleTrialsWhenThereAreAnyElseOfAll() {
        FrontReport feasible = FrontReport.of(TradeOffs.of(spec(ACCURACY_LATENCY,
                "[{\"metric\": \"latency_ms_p50\", \"max\": 0.25}]", "null"), five()));
        assertThat(feasible.feasibleOnly()).isTrue();
        assertThat(feasible.front()).extracting(Scored::number).containsExactly(1, 2, 4);
        FrontReport none = FrontReport.of(TradeOffs.of(spec(ACCURACY_LATENCY,
                "[{\"metric\": \"latency_ms_p50\", \"max\": 0.01}]", "null"), five()));
        assertThat(none.feasibleOnly()).isFalse();
        assertThat(none.front()).extracting(Scored::number).containsExactly(0, 1, 2, 4);
    }

    @Test
    void noFrontYetAndFrontsTooLargeToMeasureSaySo() {
        FrontReport empty = FrontReport.of(TradeOffs.of(spec(ACCURACY_LATENCY, "null", "null"), List.of()));
        assertThat(empty.hypervolume()).isNull();
        assertThat(empty.omitted()).isEqualTo("no complete trial yet");

        List<Contender> many = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            many.add(trial(i, "a", i, "b", 1000 - i, "c", 0));
        }
        String three = """
                [{"metric": "a", "direction": "minimize"}, {"metric": "b", "direction": "minimize"},
                 {"metric": "c", "direction": "minimize"}]""";
        FrontReport large = FrontReport.of(TradeOffs.of(spec(three, "null", "null"), many));
        assertThat(large.front()).hasSize(1001);
        assertThat(large.hypervolume()).isNull();
        assertThat(large.omitted()).isEqualTo("not measured: the exact hypervolume of 1001 points in 3 objectives "
                + "would take too long (it is measured up to 1000 points in 3 objectives)");
    }
}
