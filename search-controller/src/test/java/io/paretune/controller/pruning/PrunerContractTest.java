package io.paretune.controller.pruning;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every pruner must do, whatever its rule; the pipeline's segments and restarts rely on each of these. */
class PrunerContractTest {

    private static final int LAST = 27;

    record Case(Pruner pruner, PrunerSpec spec) {
        @Override
        public String toString() {
            return pruner.type();
        }
    }

    /** A spec for each pruner type; a pruner the registry lists without one fails {@link #everyRegisteredPrunerIsTested}. */
    private static final Map<String, PrunerSpec> SPECS = Map.of(
            PrunerSpec.ASHA, AshaPrunerTest.asha(1, LAST, 3),
            PrunerSpec.HYPERBAND, HyperbandPrunerTest.hyperband(1, LAST, 3),
            PrunerSpec.MEDIAN, MedianPrunerTest.median(2, 1, 2, LAST));

    /** Every pruner a campaign may select, as the registry lists them. */
    static Stream<Case> pruners() {
        return new PrunerRegistry().all().stream().map(p -> new Case(p, SPECS.get(p.type())));
    }

    @Test
    void everyRegisteredPrunerIsTested() {
        assertThat(new PrunerRegistry().types()).containsExactlyInAnyOrderElementsOf(SPECS.keySet())
                .containsExactlyInAnyOrder(PrunerSpec.ASHA, PrunerSpec.HYPERBAND, PrunerSpec.MEDIAN);
    }

    /** Decision steps and decisions of a campaign of 30 trials, every one reporting every step, interleaved. */
    private record Played(Map<Integer, List<Integer>> decisionSteps, Map<Integer, Integer> stoppedAt) {
    }

    private static Played play(Case c, Direction direction, long seed) {
        ScriptedCampaign campaign = new ScriptedCampaign(c.pruner(), c.spec(), direction, seed);
        SplittableRandom random = new SplittableRandom(seed);
        int trials = 30;
        double[] quality = new double[trials];
        int[] step = new int[trials];
        Map<Integer, List<Integer>> decisionSteps = new HashMap<>();
        Map<Integer, Integer> stoppedAt = new HashMap<>();
        List<Integer> running = new ArrayList<>();
        int started = 0;
        while (started < trials || !running.isEmpty()) {
            if (started < trials && (running.isEmpty() || random.nextInt(3) == 0)) {
                quality[started] = random.nextDouble();
                decisionSteps.put(started, decisionSteps(c, started, seed));
                running.add(started++);
                continue;
            }
            int t = running.get(random.nextInt(running.size()));
            int s = ++step[t];
            double value = quality[t] + s / (double) LAST + 0.1 * random.nextDouble();
            if (campaign.report(t, s, direction == Direction.MAXIMIZE ? value : -value)) {
                stoppedAt.put(t, s);
                running.remove((Integer) t);
            } else if (s == LAST) {
                campaign.complete(t);
                running.remove((Integer) t);
            }
        }
        return new Played(decisionSteps, stoppedAt);
    }

    /** The steps a pipeline trial would stop at to ask: nextDecisionStep from 0 until the last step. */
    private static List<Integer> decisionSteps(Case c, int number, long seed) {
        PruningRequest request = new PruningRequest(c.spec(), Direction.MAXIMIZE, seed,
                ScriptedCampaign.trial(number, TrialState.RUNNING, Map.of()), 0, List.of());
        List<Integer> steps = new ArrayList<>();
        int current = 0;
        while (current < LAST) {
            int next = c.pruner().nextDecisionStep(request, current, LAST);
            assertThat(next).as("after " + current).isGreaterThan(current).isLessThanOrEqualTo(LAST);
            steps.add(next);
            current = next;
        }
        return steps;
    }

    @ParameterizedTest
    @MethodSource("pruners")
    void stopsTrialsOnlyAtDecisionStepsAndNeverAtTheLast(Case c) {
        for (Direction direction : Direction.values()) {
            Played played = play(c, direction, 11);
            assertThat(played.stoppedAt()).as("some trials stopped (%s)", direction).isNotEmpty();
            played.stoppedAt().forEach((trial, step) -> {
                assertThat(played.decisionSteps().get(trial)).as("trial " + trial).contains(step);
                assertThat(step).isLessThan(LAST);
            });
        }
    }

    @ParameterizedTest
    @MethodSource("pruners")
    void sameSeedSameDecisions(Case c) {
        assertThat(play(c, Direction.MAXIMIZE, 5)).isEqualTo(play(c, Direction.MAXIMIZE, 5));
    }

    @ParameterizedTest
    @MethodSource("pruners")
    void decisionsDependNeitherOnTheOrderOfTheOtherTrialsNorOnAskingAgain(Case c) {
        ScriptedCampaign campaign = new ScriptedCampaign(c.pruner(), c.spec(), Direction.MAXIMIZE, 3);
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 12; t++) {
            boolean stopped = false;
            for (int s = 1; s <= LAST && !stopped; s++) {
                stopped = campaign.report(t, s, random.nextDouble());
            }
            if (!stopped) {
                campaign.complete(t);
            }
        }
        Random shuffle = new Random(3);
        for (int s = 1; s < LAST; s++) {
            assertThat(c.pruner().shouldPrune(campaign.request(12, s))).as("step %d not reported yet", s).isFalse();
            boolean stopped = campaign.report(12, s, 0.5);
            PruningRequest request = campaign.request(12, s);
            for (int i = 0; i < 5; i++) {
                List<FrozenTrial> others = new ArrayList<>(request.others());
                Collections.shuffle(others, shuffle);
                PruningRequest shuffled = new PruningRequest(request.spec(), request.direction(), request.seed(),
                        request.trial(), request.step(), others);
                assertThat(c.pruner().shouldPrune(shuffled)).as("step %d, others shuffled", s).isEqualTo(stopped);
                assertThat(c.pruner().shouldPrune(request)).as("step %d, asked again", s).isEqualTo(stopped);
            }
            if (stopped) {
                return;
            }
        }
    }

    @ParameterizedTest
    @MethodSource("pruners")
    void acceptsAValidSpec(Case c) {
        assertThat(c.pruner().check(AshaPrunerTest.campaign(c.spec()))).isEmpty();
    }
}
