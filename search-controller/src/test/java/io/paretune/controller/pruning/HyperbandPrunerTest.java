package io.paretune.controller.pruning;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HyperbandPrunerTest {

    private static final long SEED = 42;
    private final HyperbandPruner pruner = new HyperbandPruner();

    static PrunerSpec hyperband(int min, int max, int eta) {
        return new PrunerSpec(PrunerSpec.HYPERBAND, min, max, eta, null, null, null);
    }

    private static HyperbandBrackets brackets(int min, int max, int eta) {
        return new HyperbandBrackets(RungSpec.of(hyperband(min, max, eta)));
    }

    @Test
    void bracketsAndTheirBudgetsAreOptunas() {
        // Optuna 3.1, HyperbandPruner(1, 27, 3): 4 brackets, budgets ceil(4·3^s / (s+1)) for s = 3, 2, 1, 0.
        HyperbandBrackets b = brackets(1, 27, 3);
        assertThat(b.count()).isEqualTo(4);
        assertThat(IntStream.range(0, 4).mapToLong(b::budget).toArray()).containsExactly(27, 12, 6, 4);
        assertThat(b.totalBudget()).isEqualTo(49);
        assertThat(brackets(1, 26, 3).count()).isEqualTo(3);
        assertThat(brackets(2, 5, 3).count()).as("max/min below η: plain ASHA").isEqualTo(1);
        assertThat(brackets(1, 243, 3).count()).as("exact, where Optuna's float log says 5").isEqualTo(6);
    }

    @Test
    void bracketOfATrialDependsOnlyOnSeedAndNumber() {
        HyperbandBrackets b = brackets(1, 27, 3);
        List<Integer> first = IntStream.range(0, 200).map(n -> b.bracketOf(SEED, n)).boxed().toList();
        List<Integer> again = IntStream.range(0, 200).map(n -> brackets(1, 27, 3).bracketOf(SEED, n)).boxed().toList();
        List<Integer> otherSeed = IntStream.range(0, 200).map(n -> b.bracketOf(SEED + 1, n)).boxed().toList();
        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void trialsSpreadOverBracketsByBudget() {
        HyperbandBrackets b = brackets(1, 27, 3);
        int trials = 49_000;
        int[] counts = new int[b.count()];
        for (int n = 0; n < trials; n++) {
            counts[b.bracketOf(SEED, n)]++;
        }
        for (int bracket = 0; bracket < b.count(); bracket++) {
            double expected = (double) b.budget(bracket) / b.totalBudget();
            // A binomial share of 49,000 draws is within ±0.01 of its expectation by more than 4 standard deviations.
            assertThat((double) counts[bracket] / trials).as("bracket " + bracket).isCloseTo(expected, within(0.01));
        }
    }

    @Test
    void eachBracketHasItsOwnRungs() {
        // Brackets of (1, 27, 3): rungs from 1, 3, 9; the last bracket's first rung would be 27 = max: none.
        List<Integer> firstRungs = new ArrayList<>();
        List<Integer> secondRungs = new ArrayList<>();
        for (int bracket = 0; bracket < 4; bracket++) {
            int number = trialIn(bracket, hyperband(1, 27, 3));
            PruningRequest request = request(hyperband(1, 27, 3), number);
            firstRungs.add(pruner.nextDecisionStep(request, 0, 27));
            secondRungs.add(pruner.nextDecisionStep(request, firstRungs.get(bracket), 27));
        }
        assertThat(firstRungs).containsExactly(1, 3, 9, 27);
        assertThat(secondRungs).containsExactly(3, 9, 27, 27);
    }

    @Test
    void nextDecisionStepIsCappedAtTheLastStep() {
        int number = trialIn(0, hyperband(1, 27, 3));
        assertThat(pruner.nextDecisionStep(request(hyperband(1, 27, 3), number), 3, 5)).isEqualTo(5);
    }

    @Test
    void trialsCompeteOnlyWithinTheirBracket() {
        PrunerSpec spec = hyperband(1, 27, 3);
        List<Integer> bracket0 = trialsIn(0, spec, 2);
        int inBracket1 = trialIn(1, spec);
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, spec, Direction.MAXIMIZE, SEED);
        // Bracket 1's trial is not judged at step 1 (its first rung is 3), and is no competitor in bracket 0.
        assertThat(campaign.report(inBracket1, 1, 0.99)).isFalse();
        assertThat(campaign.report(bracket0.get(0), 1, 0.5)).as("alone in its bracket at rung 1").isFalse();
        assertThat(campaign.report(bracket0.get(1), 1, 0.4)).as("below the best of its bracket").isTrue();
        // At rung 3 the bracket-1 trial is alone in its own bracket, whatever bracket 0 has there.
        assertThat(campaign.report(bracket0.get(0), 3, 0.9)).isFalse();
        assertThat(campaign.report(inBracket1, 3, 0.1)).isFalse();
    }

    @Test
    void withOneBracketItIsAsha() {
        PrunerSpec spec = hyperband(1, 2, 3);
        ScriptedCampaign campaign = new ScriptedCampaign(pruner, spec, Direction.MINIMIZE, SEED);
        assertThat(campaign.report(0, 1, 0.5)).isFalse();
        assertThat(campaign.report(1, 1, 0.6)).isTrue();
        assertThat(campaign.report(0, 2, 9.0)).as("max resource").isFalse();
    }

    @Test
    void checkRefusesASpecWithoutARung() {
        assertThat(pruner.check(AshaPrunerTest.campaign(hyperband(1, 2, 3)))).isEmpty();
        assertThat(pruner.check(AshaPrunerTest.campaign(hyperband(4, 4, 3))))
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("strategy.pruner.minResource"));
    }

    private static int trialIn(int bracket, PrunerSpec spec) {
        return trialsIn(bracket, spec, 1).get(0);
    }

    /** The first {@code count} trial numbers that the seed puts in {@code bracket}. */
    private static List<Integer> trialsIn(int bracket, PrunerSpec spec, int count) {
        HyperbandBrackets b = new HyperbandBrackets(RungSpec.of(spec));
        return IntStream.iterate(0, n -> n + 1).filter(n -> b.bracketOf(SEED, n) == bracket).limit(count).boxed()
                .toList();
    }

    private static PruningRequest request(PrunerSpec spec, int number) {
        return new PruningRequest(spec, Direction.MAXIMIZE, SEED,
                ScriptedCampaign.trial(number, TrialState.RUNNING, Map.of()), 0, List.of());
    }
}
