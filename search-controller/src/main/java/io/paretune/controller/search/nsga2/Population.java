package io.paretune.controller.search.nsga2;

import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.ParetoFront;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A parent population of NSGA-II with each member's rank (0: on the population's Pareto front) and crowding
 * distance, rebuilt from the campaign's finished trials on every call.
 * <p>
 * Trial {@code n} belongs to generation {@code n / populationSize}. The parents of generation 0 are its COMPLETE
 * trials, cut to the population size by {@link #elite}; the parents of generation {@code g} are the elite of
 * generation {@code g - 1}'s COMPLETE trials together with the parents before them (Optuna's
 * {@code _select_elite_population}), so a good trial lives on until better ones push it out. Trials that failed or
 * were pruned have no objective values and take no part; a generation still running contributes what has finished.
 */
public final class Population {

    private final List<FrozenTrial> members;
    private final int[] rank;
    private final double[] crowding;

    private Population(List<FrozenTrial> members, List<Objective> objectives) {
        this.members = List.copyOf(members);
        this.rank = new int[members.size()];
        this.crowding = new double[members.size()];
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            index.put(members.get(i).number(), i);
        }
        List<List<FrozenTrial>> fronts = ParetoFront.sort(members, objectives);
        for (int r = 0; r < fronts.size(); r++) {
            Map<Integer, Double> distances = crowdingDistances(fronts.get(r));
            for (FrozenTrial t : fronts.get(r)) {
                int i = index.get(t.number());
                rank[i] = r;
                crowding[i] = distances.get(t.number());
            }
        }
    }

    /**
     * The parents of generation {@code generation} (at least 1).
     *
     * @param finished the campaign's finished trials; only COMPLETE ones with every objective value count
     */
    public static Population parentsOf(int generation, int populationSize, List<FrozenTrial> finished,
                                       List<Objective> objectives) {
        Map<Integer, List<FrozenTrial>> byGeneration = new HashMap<>();
        for (FrozenTrial t : finished) {
            if (t.state() == TrialState.COMPLETE && t.values().size() == objectives.size()
                    && t.values().stream().noneMatch(v -> Double.isNaN(v))) {
                byGeneration.computeIfAbsent(t.number() / populationSize, g -> new ArrayList<>()).add(t);
            }
        }
        List<FrozenTrial> parents = List.of();
        for (int g = 0; g < generation; g++) {
            List<FrozenTrial> candidates = new ArrayList<>(byGeneration.getOrDefault(g, List.of()));
            candidates.addAll(parents);
            candidates.sort(Comparator.comparingInt(FrozenTrial::number));
            parents = elite(candidates, populationSize, objectives);
        }
        return new Population(parents, objectives);
    }

    /**
     * The best {@code size} of {@code candidates}: whole fronts of the (constrained) non-dominated sorting while they
     * fit, then the most isolated members of the next front by crowding distance (ties: the lower trial number).
     */
    static List<FrozenTrial> elite(List<FrozenTrial> candidates, int size, List<Objective> objectives) {
        List<FrozenTrial> elite = new ArrayList<>();
        for (List<FrozenTrial> front : ParetoFront.sort(candidates, objectives)) {
            if (elite.size() + front.size() <= size) {
                elite.addAll(front);
                if (elite.size() == size) {
                    break;
                }
                continue;
            }
            Map<Integer, Double> distances = crowdingDistances(front);
            List<FrozenTrial> byCrowding = new ArrayList<>(front);
            byCrowding.sort(Comparator.comparingDouble((FrozenTrial t) -> -distances.get(t.number()))
                    .thenComparingInt(FrozenTrial::number));
            elite.addAll(byCrowding.subList(0, size - elite.size()));
            break;
        }
        return elite;
    }

    /**
     * Crowding distance of each trial of one front, by number (Deb et al. 2002, as Optuna computes it): per objective,
     * the gap between its two neighbours in that objective divided by the objective's range over the front, summed
     * over objectives; the extremes of an objective get infinity, and an objective on which the whole front agrees
     * adds nothing.
     */
    static Map<Integer, Double> crowdingDistances(List<FrozenTrial> front) {
        Map<Integer, Double> distance = new HashMap<>();
        front.forEach(t -> distance.put(t.number(), 0.0));
        if (front.isEmpty()) {
            return distance;
        }
        int objectives = front.get(0).values().size();
        List<FrozenTrial> sorted = new ArrayList<>(front);
        for (int m = 0; m < objectives; m++) {
            int k = m;
            sorted.sort(Comparator.comparingDouble((FrozenTrial t) -> t.values().get(k)).thenComparingInt(FrozenTrial::number));
            double min = sorted.get(0).values().get(k);
            double max = sorted.get(sorted.size() - 1).values().get(k);
            if (min == max) {
                continue;
            }
            double width = max - min;
            for (int i = 0; i < sorted.size(); i++) {
                double gap;
                if (i == 0 || i == sorted.size() - 1) {
                    gap = Double.POSITIVE_INFINITY;
                } else {
                    gap = (sorted.get(i + 1).values().get(k) - sorted.get(i - 1).values().get(k)) / width;
                }
                distance.merge(sorted.get(i).number(), gap, Double::sum);
            }
        }
        return distance;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public int size() {
        return members.size();
    }

    public List<FrozenTrial> members() {
        return members;
    }

    /** Rank of member {@code i}: 0 on the population's front, 1 on the next, ... */
    public int rank(int i) {
        return rank[i];
    }

    public double crowding(int i) {
        return crowding[i];
    }

    /** A member drawn uniformly (the single parent of a child made without crossover). */
    public int any(SplittableRandom random) {
        return random.nextInt(members.size());
    }

    /**
     * Binary tournament with the crowded-comparison operator: of two members drawn at random (never {@code excluded}
     * unless nothing else is left), the lower rank wins, then the larger crowding distance; a full tie goes to the
     * second drawn.
     */
    public int tournament(SplittableRandom random, int excluded) {
        int n = members.size();
        if (n == 1) {
            return 0;
        }
        int a = draw(random, excluded);
        int b = draw(random, excluded);
        if (rank[a] != rank[b]) {
            return rank[a] < rank[b] ? a : b;
        }
        return crowding[a] > crowding[b] ? a : b;
    }

    private int draw(SplittableRandom random, int excluded) {
        if (excluded < 0 || excluded >= members.size()) {
            return random.nextInt(members.size());
        }
        int i = random.nextInt(members.size() - 1);
        return i >= excluded ? i + 1 : i;
    }
}
