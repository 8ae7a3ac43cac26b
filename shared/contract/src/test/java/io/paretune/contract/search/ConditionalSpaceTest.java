package io.paretune.contract.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionalSpaceTest {

    private final SearchSpace space = SearchSpace.of(Map.of(
            "a_units3", new ParameterSpec.IntRange(8, 64, false, 1, new Condition("layers", null, 3.0, null)),
            "layers", new ParameterSpec.IntRange(1, 4, false, 1),
            "momentum", new ParameterSpec.FloatRange(0, 0.99, false, new Condition("optimizer", List.of("sgd"), null, null)),
            "optimizer", new ParameterSpec.Categorical(List.of("adam", "sgd")),
            "nesterov", new ParameterSpec.Categorical(List.of(true, false), new Condition("momentum", null, 0.5, null))));

    @Test
    void parentsComeBeforeTheirChildrenOtherwiseByName() {
        assertThat(space.samplingOrder()).containsExactly("layers", "a_units3", "optimizer", "momentum", "nesterov");
    }

    @Test
    void activityFollowsTheConditionsTransitively() {
        assertThat(space.isActive("a_units3", Map.of("layers", 3L))).isTrue();
        assertThat(space.isActive("a_units3", Map.of("layers", 2L))).isFalse();
        assertThat(space.isActive("momentum", Map.of("optimizer", "adam"))).isFalse();
        // The parent is absent (inactive), so the child is too.
        assertThat(space.isActive("nesterov", Map.of("optimizer", "adam"))).isFalse();
        assertThat(space.isActive("nesterov", Map.of("optimizer", "sgd", "momentum", 0.9))).isTrue();
        assertThat(space.isActive("layers", Map.of())).isTrue();
        assertThat(space.isConditional()).isTrue();
    }

    @Test
    void conditionsCompareNormalizedValues() {
        Condition in = new Condition("layers", List.of(3, 4), null, null);
        assertThat(in.holdsFor(3L)).isTrue();
        assertThat(in.holdsFor(3)).isTrue();
        assertThat(in.holdsFor(2L)).isFalse();
        assertThat(new Condition("x", null, null, 1.0).holdsFor("text")).isFalse();
        assertThat(new Condition("x", null, 0.0, 1.0).holdsFor(null)).isFalse();
    }

    @Test
    void unknownParentsAndCyclesAreReported() {
        SearchSpace unknown = SearchSpace.of(Map.of("a", new ParameterSpec.Fixed(1, new Condition("b", List.of(1), null, null))));
        assertThat(unknown.conditionProblem()).hasValueSatisfying(p -> assertThat(p).contains("unknown parameter 'b'"));
        SearchSpace cycle = SearchSpace.of(Map.of(
                "a", new ParameterSpec.Fixed(1, new Condition("b", List.of(1), null, null)),
                "b", new ParameterSpec.Fixed(1, new Condition("a", List.of(1), null, null))));
        assertThat(cycle.conditionProblem()).hasValueSatisfying(p -> assertThat(p).contains("cycle"));
        assertThatThrownBy(cycle::samplingOrder).isInstanceOf(IllegalStateException.class);
    }
}
