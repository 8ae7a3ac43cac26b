package io.paretune.controller.search;

import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.contract.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RandomSamplerTest {

    private final RandomSampler sampler = new RandomSampler();

    private Map<String, Object> sample(SearchSpace space, long seed, int number, List<FrozenTrial> finished) {
        return sampler.sample(new SamplingRequest(space, SamplerContractTest.OBJECTIVES, seed, number, finished, List.of()));
    }

    private List<Object> values(ParameterSpec spec, int n) {
        SearchSpace space = SearchSpace.of(Map.of("p", spec));
        return IntStream.range(0, n).mapToObj(i -> sample(space, 1234, i, List.of()).get("p")).toList();
    }

    @Test
    void trialNDependsOnlyOnSeedAndNumberNotOnHistory() {
        Map<String, Object> fresh = sample(SamplerContractTest.SPACE, 5, 17, List.of());
        List<FrozenTrial> history = List.of(new FrozenTrial(0, Map.of("units", 64L), TrialState.FAIL, List.of()));
        assertThat(sample(SamplerContractTest.SPACE, 5, 17, history)).isEqualTo(fresh);
    }

    @Test
    void consecutiveTrialsDiffer() {
        assertThat(sample(SamplerContractTest.SPACE, 5, 0, List.of())).isNotEqualTo(sample(SamplerContractTest.SPACE, 5, 1, List.of()));
    }

    @Test
    void orderOfTheSpaceAsWrittenDoesNotMatter() {
        Map<String, ParameterSpec> a = new LinkedHashMap<>();
        a.put("units", new ParameterSpec.IntRange(1, 100, false, 1));
        a.put("dropout", new ParameterSpec.FloatRange(0, 0.5, false));
        Map<String, ParameterSpec> b = new LinkedHashMap<>();
        b.put("dropout", new ParameterSpec.FloatRange(0, 0.5, false));
        b.put("units", new ParameterSpec.IntRange(1, 100, false, 1));
        assertThat(sample(SearchSpace.of(a), 9, 3, List.of())).isEqualTo(sample(SearchSpace.of(b), 9, 3, List.of()));
    }

    @Test
    void logFloatsCoverEveryDecade() {
        Set<Integer> decades = new HashSet<>();
        for (Object v : values(new ParameterSpec.FloatRange(1e-6, 1e-1, true), 500)) {
            double d = (Double) v;
            assertThat(d).isBetween(1e-6, 1e-1);
            decades.add((int) Math.floor(Math.log10(d)));
        }
        assertThat(decades).containsExactlyInAnyOrder(-6, -5, -4, -3, -2);
    }

    @Test
    void uniformFloatsAreNotBunchedAtLowEnd() {
        List<Object> vs = values(new ParameterSpec.FloatRange(0, 1, false), 500);
        long upperHalf = vs.stream().filter(v -> (Double) v >= 0.5).count();
        assertThat(upperHalf).isBetween(150L, 350L);
    }

    @Test
    void intsStayOnTheStepGridAndReachBothEnds() {
        Set<Object> seen = new HashSet<>(values(new ParameterSpec.IntRange(10, 50, false, 10), 300));
        assertThat(seen).containsExactlyInAnyOrder(10L, 20L, 30L, 40L, 50L);
    }

    @Test
    void logIntsCoverDecadesAndStayInBounds() {
        Set<Integer> decades = new HashSet<>();
        for (Object v : values(new ParameterSpec.IntRange(1, 10_000, true, 1), 500)) {
            long n = (Long) v;
            assertThat(n).isBetween(1L, 10_000L);
            decades.add((int) Math.floor(Math.log10(n)));
        }
        assertThat(decades).contains(0, 1, 2, 3);
    }

    @Test
    void categoricalReturnsTheChoiceObjectsAndEveryChoice() {
        Set<Object> seen = new HashSet<>(values(new ParameterSpec.Categorical(List.of("adam", 3, 0.5, true)), 300));
        assertThat(seen).containsExactlyInAnyOrder("adam", 3L, 0.5, true);
    }

    @Test
    void degenerateRangesGiveTheirOnlyValue() {
        assertThat(values(new ParameterSpec.FloatRange(0.25, 0.25, false), 3)).containsOnly(0.25);
        assertThat(values(new ParameterSpec.IntRange(4, 4, true, 1), 3)).containsOnly(4L);
        assertThat(values(new ParameterSpec.Fixed("relu"), 3)).containsOnly("relu");
    }

    @Test
    void trainingSeedsDifferPerTrialAndFromOtherCampaigns() {
        assertThat(Seeds.trialSeed(1, 0)).isNotEqualTo(Seeds.trialSeed(1, 1)).isNotEqualTo(Seeds.trialSeed(0, 1));
        assertThat(Seeds.trialSeed(1, 0)).isEqualTo(Seeds.trialSeed(1, 0));
        assertThat(Seeds.trialSeed(1, 0)).isNotEqualTo(Seeds.derive(1, Seeds.SAMPLING, 0));
    }
}
