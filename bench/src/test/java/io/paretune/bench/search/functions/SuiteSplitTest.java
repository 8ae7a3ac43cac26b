package io.paretune.bench.search.functions;

import io.paretune.bench.search.SearchCommand;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.paretune.bench.search.functions.SuiteSplit.Half.HELD_OUT;
import static io.paretune.bench.search.functions.SuiteSplit.Half.TUNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The split is the rule the README states, and --set selects by it. */
class SuiteSplitTest {

    @Test
    void bbobByOddAndEvenFunctionIdInEveryDimension() {
        SuiteSplit split = new SuiteSplit(List.of("bbob-f01-d2", "bbob-f02-d5", "bbob-f24-d10", "bbob-f15-d10"));
        assertThat(split.of("bbob-f01-d2")).isEqualTo(TUNING);
        assertThat(split.of("bbob-f15-d10")).isEqualTo(TUNING);
        assertThat(split.of("bbob-f02-d5")).isEqualTo(HELD_OUT);
        assertThat(split.of("bbob-f24-d10")).isEqualTo(HELD_OUT);
    }

    @Test
    void otherFamiliesAlternateAlphabeticallyAndNoisyVariantsFollowTheirFunction() {
        SuiteSplit split = new SuiteSplit(List.of("rastrigin-d5", "rastrigin-d10", "ackley-d5", "shekel5", "shekel10",
                "griewank-d5", "noisy-griewank-d5", "branin", "mixed", "mixed-depth", "bbob-f03-d5"));
        // Families in order: ackley, griewank, mixed-depth, rastrigin, shekel (the legacy four and BBOB apart).
        assertThat(split.families()).containsExactly("ackley", "griewank", "mixed-depth", "rastrigin", "shekel");
        assertThat(split.of("ackley-d5")).isEqualTo(TUNING);
        assertThat(split.of("griewank-d5")).isEqualTo(HELD_OUT);
        assertThat(split.of("noisy-griewank-d5")).isEqualTo(HELD_OUT);
        assertThat(split.of("mixed-depth")).isEqualTo(TUNING);
        assertThat(split.of("rastrigin-d5")).isEqualTo(HELD_OUT);
        assertThat(split.of("rastrigin-d10")).isEqualTo(HELD_OUT);
        assertThat(split.of("shekel10")).isEqualTo(TUNING);
        assertThat(split.of("shekel5")).isEqualTo(TUNING);
        assertThat(split.of("branin")).isEqualTo(TUNING);
        assertThat(split.of("mixed")).isEqualTo(TUNING);
        assertThatThrownBy(() -> split.of("levy-d5")).hasMessageContaining("not a function of this split");
    }

    @Test
    void theRegisteredSuiteHasBothHalvesAndSetSelectsOne() {
        SuiteSplit split = SuiteSplit.ofRegistered();
        List<String> tuning = SearchCommand.settings("--set", "tuning").functions();
        List<String> heldOut = SearchCommand.settings("--set", "held-out").functions();
        assertThat(tuning).isNotEmpty().allSatisfy(n -> assertThat(split.of(n)).isEqualTo(TUNING));
        assertThat(tuning.size() + heldOut.size()).isEqualTo(TestFunctions.names().size());
        assertThat(heldOut).allSatisfy(n -> assertThat(split.of(n)).isEqualTo(HELD_OUT));
        assertThat(SearchCommand.settings("--set", "tuning", "--functions", "branin,mixed").functions())
                .containsExactly("branin", "mixed");
        assertThatThrownBy(() -> SearchCommand.settings("--set", "held-out", "--functions", "branin"))
                .hasMessageContaining("none of the functions given is in that half");
        assertThatThrownBy(() -> SearchCommand.settings("--set", "test")).hasMessageContaining("unknown set 'test'");
    }
}
