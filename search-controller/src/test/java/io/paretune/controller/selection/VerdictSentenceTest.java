package io.paretune.controller.selection;

import io.paretune.contract.campaign.CampaignSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.paretune.controller.selection.Campaigns.ACCURACY_LATENCY;
import static io.paretune.controller.selection.Campaigns.five;
import static io.paretune.controller.selection.Campaigns.spec;
import static io.paretune.controller.selection.Campaigns.trial;
import static org.assertj.core.api.Assertions.assertThat;

/** The verdict's sentence, from the figures the trials have. */
class VerdictSentenceTest {

    private static final String KNEE = "{\"rule\": \"knee\"}";

    private static String sentence(CampaignSpec spec, List<Contender> trials) {
        return Selection.decide(spec, trials).orElseThrow().sentence();
    }

    @Test
    void theChosenTrialAgainstTheMostAccurateInPointsAndRatios() {
        List<Contender> trials = List.of(
                trial(9, "val_accuracy", 0.870, "latency_ms_p50", 0.64, "nonzero_params", 1_100_000,
                        "param_count", 1_100_000, "model_size_bytes", 4_400_000),
                trial(14, "val_accuracy", 0.866, "latency_ms_p50", 0.20, "nonzero_params", 100_000,
                        "param_count", 1_100_000, "model_size_bytes", 400_000),
                trial(3, "val_accuracy", 0.700, "latency_ms_p50", 0.10, "nonzero_params", 50_000,
                        "param_count", 50_000, "model_size_bytes", 200_000));
        assertThat(sentence(spec(ACCURACY_LATENCY, "null", KNEE), trials)).isEqualTo("Trial 14: 0.4 points below the "
                + "most accurate (trial 9), 11x fewer non-zero weights, 11x smaller, 3.2x faster at batch 1");
    }

    @Test
    void whenTheChosenIsTheMostAccurateItSaysSoWithItsOwnFigures() {
        List<Contender> trials = List.of(
                trial(9, "val_accuracy", 0.87, "latency_ms_p50", 0.64, "param_count", 1_100_000,
                        "model_size_bytes", 4_400_000, "macs", 1_090_000, "throughput_per_s", 52_300),
                trial(2, "val_accuracy", 0.70, "latency_ms_p50", 0.60, "param_count", 50_000,
                        "model_size_bytes", 200_000, "macs", 49_000, "throughput_per_s", 61_000));
        // A front of two points: both lie on the line through its ends, equally far from the ideal point, and the
        // tie goes to the more accurate.
        assertThat(sentence(spec(ACCURACY_LATENCY, "null", KNEE), trials)).isEqualTo("Trial 9 is also the most "
                + "accurate; val_accuracy 0.87, 1,100,000 parameters, 4.4 MB, 1,090,000 MACs, 0.64 ms at batch 1, "
                + "52,300 per second at batch 256");
        assertThat(sentence(spec(ACCURACY_LATENCY, "null", "null"), trials)).as("the primary rule")
                .startsWith("Trial 9 is the most accurate; val_accuracy 0.87, ");
    }

    @Test
    void onlyTheFiguresBothTrialsHaveAreCompared() {
        // five(): the knee, trial 2, against trial 0, with latency only.
        assertThat(sentence(spec(ACCURACY_LATENCY, "null", KNEE), five()))
                .isEqualTo("Trial 2: 5.0 points below the most accurate (trial 0), 5.0x faster at batch 1");
        List<Contender> trials = List.of(
                trial(0, "val_accuracy", 0.90, "latency_ms_p50", 0.50, "model_size_bytes", 1_000_000),
                trial(1, "val_accuracy", 0.86, "latency_ms_p50", 0.25));
        assertThat(sentence(spec(ACCURACY_LATENCY, "null",
                "{\"rule\": \"weighted\", \"weights\": {\"latency_ms_p50\": 1}}"), trials))
                .isEqualTo("Trial 1: 4.0 points below the most accurate (trial 0), 2.0x faster at batch 1");
    }

    @Test
    void worseFiguresAndEqualOnesAreSaidToo() {
        List<Contender> trials = List.of(
                trial(0, "val_accuracy", 0.9000, "latency_ms_p50", 0.50, "param_count", 100_000,
                        "throughput_per_s", 40_000),
                trial(1, "val_accuracy", 0.8999, "latency_ms_p50", 0.49, "param_count", 150_000,
                        "throughput_per_s", 80_000));
        assertThat(sentence(spec(ACCURACY_LATENCY, "null",
                "{\"rule\": \"weighted\", \"weights\": {\"latency_ms_p50\": 1}}"), trials))
                .isEqualTo("Trial 1: 0.01 points below the most accurate (trial 0), 1.5x more parameters, about as "
                        + "fast at batch 1, 2.0x higher throughput at batch 256");
    }

    @Test
    void aPrimaryObjectiveThatIsNoAccuracyIsComparedByValue() {
        CampaignSpec spec = spec("""
                [{"metric": "loss", "direction": "minimize"}, {"metric": "ms", "direction": "minimize"}]""",
                "null", "{\"rule\": \"weighted\", \"weights\": {\"ms\": 1}}");
        List<Contender> trials = List.of(trial(0, "loss", 1.2, "ms", 9), trial(1, "loss", 2.5, "ms", 3));
        assertThat(sentence(spec, trials)).isEqualTo("Trial 1: loss 2.5 against 1.2 for the best by loss (trial 0), "
                + "ms 3 against 9");
    }

    @Test
    void withConstraintsTheReferenceIsTheMostAccurateFeasibleTrial() {
        // Trial 0 misses latency <= 0.25; trial 1 is the most accurate of those that meet it.
        assertThat(sentence(spec(ACCURACY_LATENCY, "[{\"metric\": \"latency_ms_p50\", \"max\": 0.25}]", KNEE), five()))
                .isEqualTo("Trial 2: 4.0 points below the most accurate feasible trial (trial 1), 2.0x faster at batch 1");
    }

    @Test
    void whenNoTrialMeetsTheConstraintsTheSentenceSaysSo() {
        // Nothing meets latency <= 0.01: the primary rule takes the least violation (trial 4), the reference is the
        // most accurate of all (trial 0).
        assertThat(sentence(spec(ACCURACY_LATENCY, "[{\"metric\": \"latency_ms_p50\", \"max\": 0.01}]", "null"), five()))
                .isEqualTo("Trial 4: 20.0 points below the most accurate (trial 0), 10x faster at batch 1; it misses "
                        + "the constraints, as every trial does");
    }

    @Test
    void equalAccuraciesAreLevel() {
        List<Contender> trials = List.of(trial(0, "val_accuracy", 0.8, "latency_ms_p50", 0.4),
                trial(1, "val_accuracy", 0.8, "latency_ms_p50", 0.2));
        // Trial 1 is as accurate and faster, but the lower number is the reference on accuracy alone.
        assertThat(sentence(spec(ACCURACY_LATENCY, "null", "{\"rule\": \"weighted\", \"weights\": {\"latency_ms_p50\": 1}}"),
                trials)).isEqualTo("Trial 1: level with the most accurate (trial 0), 2.0x faster at batch 1");
    }

    @Test
    void numbersKeepFourSignificantDigitsAndRatiosOneDecimalBelowTen() {
        assertThat(VerdictSentence.number(0.86554)).isEqualTo("0.8655");
        assertThat(VerdictSentence.number(0.342)).isEqualTo("0.342");
        assertThat(VerdictSentence.number(12.5)).isEqualTo("12.5");
        assertThat(VerdictSentence.number(12345.6)).isEqualTo("12,346");
        assertThat(VerdictSentence.times(3.21)).isEqualTo("3.2");
        assertThat(VerdictSentence.times(11.04)).isEqualTo("11");
        assertThat(VerdictSentence.times(9.96)).isEqualTo("10");
    }
}
