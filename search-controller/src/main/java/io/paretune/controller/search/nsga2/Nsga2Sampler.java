package io.paretune.controller.search.nsga2;

import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.RandomSampler;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;
import io.paretune.controller.search.Seeds;
import io.paretune.controller.search.SpaceValues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * NSGA-II ({@code "nsga2"}; Deb et al. 2002, as Optuna 3.1's {@code NSGAIISampler}): a genetic algorithm for one
 * or more objectives whose populations are kept by non-dominated sorting and crowding distance, with Deb's
 * constrained domination (a feasible trial beats an infeasible one; see {@link io.paretune.controller.search.ParetoFront}).
 * <ul>
 *   <li>Generations: trial {@code n} belongs to generation {@code n / populationSize}. Generation 0 is random (the
 *       same trials the random sampler proposes with the same seed).</li>
 *   <li>Parents: the elite of the previous generation and the parents before it ({@link Population}), rebuilt from
 *       the finished trials on every call, so nothing is kept between calls.</li>
 *   <li>A child: with probability {@code crossoverProb} two parents, each the winner of a binary tournament
 *       (lower rank, then larger crowding distance), are crossed: categorical values by uniform crossover
 *       ({@code swappingProb}), numeric ones by the {@code crossover} option (uniform, SBX or BLX-α, in the
 *       parameter's log scale where it has one); otherwise a parent drawn at random is copied. Then each parameter
 *       is mutated, that is drawn afresh at random, with probability {@code mutationProb} (default
 *       {@code 1 / number of parameters}).</li>
 *   <li>Conditional parameters: the child walks the space's sampling order; an active parameter inherits from the
 *       parents that have it (from the one that has it, if only one does) and is drawn at random when neither has.
 *       Inactive parameters are left out.</li>
 * </ul>
 * Where this differs from Optuna 3.1: its tournament compares the two candidates by domination alone, and a child
 * whose BLX-α values fall outside the space is made again from new parents; here the tournament is the paper's
 * crowded comparison, and an out-of-range BLX-α value is drawn again (then clamped). Optuna also counts a generation
 * only once it has {@code populationSize} COMPLETE trials, which needs state that a stateless sampler does not have.
 */
public class Nsga2Sampler implements Sampler {

    public static final String NAME = "nsga2";
    /** Seed stream of the genetic operators (generation 0 draws from the random sampler's stream). */
    private static final long GENETIC = 0xBB67_AE85_84CA_A73BL;
    private static final int BLX_REDRAWS = 16;
    private static final RandomSampler RANDOM = new RandomSampler();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<FieldError> checkOptions(Map<String, Object> options, int objectiveCount) {
        return Nsga2Options.parse(options).errors();
    }

    @Override
    public Map<String, Object> sample(SamplingRequest request) {
        Nsga2Options.Parsed parsed = Nsga2Options.parse(request.options());
        if (!parsed.errors().isEmpty()) {
            throw new IllegalArgumentException("invalid nsga2 options: " + parsed.errors());
        }
        Nsga2Options options = parsed.options();
        int generation = request.trialNumber() / options.populationSize();
        if (generation == 0) {
            return RANDOM.sample(request);
        }
        Population parents = Population.parentsOf(generation, options.populationSize(), request.finished(),
                request.objectives());
        if (parents.isEmpty()) {
            return RANDOM.sample(request); // nothing completed yet to breed from
        }
        SplittableRandom random = new SplittableRandom(Seeds.derive(request.seed(), GENETIC, request.trialNumber()));
        FrozenTrial first;
        FrozenTrial second = null;
        if (random.nextDouble() < options.crossoverProb()) {
            int a = parents.tournament(random, -1);
            int b = parents.tournament(random, a);
            first = parents.members().get(a);
            second = parents.members().get(b);
        } else {
            first = parents.members().get(parents.any(random));
        }
        return child(request.searchSpace(), first, second, options, request.objectives().size(), random);
    }

    private static Map<String, Object> child(SearchSpace space, FrozenTrial first, FrozenTrial second,
                                             Nsga2Options options, int objectiveCount, SplittableRandom random) {
        double mutationProb = options.mutationProb() != null ? options.mutationProb()
                : 1.0 / Math.max(1, searchableIn(space, first));
        Map<String, Object> child = new LinkedHashMap<>();
        for (String name : space.samplingOrder()) {
            if (!space.isActive(name, child)) {
                continue;
            }
            ParameterSpec spec = space.parameters().get(name);
            Object a = inherited(first, name, spec);
            Object value = second == null ? a : cross(spec, a, inherited(second, name, spec), options, objectiveCount, random);
            boolean mutate = random.nextDouble() < mutationProb;
            child.put(name, value == null || mutate ? RandomSampler.draw(spec, random) : value);
        }
        return child;
    }

    /** The parent's value of {@code name}, null when it has none or one that the space does not hold. */
    private static Object inherited(FrozenTrial parent, String name, ParameterSpec spec) {
        Object v = parent.params().get(name);
        if (v == null) {
            return null;
        }
        try {
            return SpaceValues.conform(spec, v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One child value from the parents' values {@code a} and {@code b}; either may be null (that parent lacks it). */
    private static Object cross(ParameterSpec spec, Object a, Object b, Nsga2Options options, int objectiveCount,
                                SplittableRandom random) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        NumericScale scale = NumericScale.of(spec);
        if (scale == null || options.crossover() == Nsga2Options.Crossover.UNIFORM) {
            // Optuna's uniform crossover: the second parent's value where a uniform draw is at least swappingProb.
            return random.nextDouble() >= options.swappingProb() ? b : a;
        }
        double x1 = scale.toScale(a);
        double x2 = scale.toScale(b);
        double x = options.crossover() == Nsga2Options.Crossover.SBX
                ? sbx(x1, x2, scale, options.etaFor(objectiveCount), random)
                : blxAlpha(x1, x2, scale, options.alpha(), random);
        return scale.fromScale(x);
    }

    /**
     * Simulated binary crossover of one coordinate (Deb and Agrawal 1995, bounded form): two children spread around
     * the parents by a polynomial distribution of index {@code eta}, kept within the bounds; the result is one of the
     * children or one of the parents, with equal odds of child or parent.
     */
    static double sbx(double x1, double x2, NumericScale scale, double eta, SplittableRandom random) {
        double lo = Math.min(x1, x2);
        double hi = Math.max(x1, x2);
        double diff = Math.max(hi - lo, 1e-10);
        double u = random.nextDouble();
        double spreadLow = spread(u, 1 + 2 * (lo - scale.low()) / diff, eta);
        double spreadHigh = spread(u, 1 + 2 * (scale.high() - hi) / diff, eta);
        double c1 = 0.5 * ((lo + hi) - spreadLow * diff);
        double c2 = 0.5 * ((lo + hi) + spreadHigh * diff);
        if (random.nextDouble() < 0.5) {
            return random.nextDouble() < 0.5 ? c1 : c2;
        }
        return random.nextDouble() < 0.5 ? x1 : x2;
    }

    /** The spread factor β_q for a uniform draw {@code u}, given how far the bound lies ({@code beta}). */
    private static double spread(double u, double beta, double eta) {
        double alpha = 2 - Math.pow(beta, -(eta + 1));
        double exponent = 1 / (eta + 1);
        return u <= 1 / alpha ? Math.pow(u * alpha, exponent) : Math.pow(1 / (2 - u * alpha), exponent);
    }

    /** Blend crossover of one coordinate: uniform over [min - α·d, max + α·d], d the parents' distance. */
    static double blxAlpha(double x1, double x2, NumericScale scale, double alpha, SplittableRandom random) {
        double lo = Math.min(x1, x2);
        double hi = Math.max(x1, x2);
        double from = lo - alpha * (hi - lo);
        double to = hi + alpha * (hi - lo);
        double x = from + random.nextDouble() * (to - from);
        for (int i = 0; i < BLX_REDRAWS && !scale.contains(x); i++) {
            x = from + random.nextDouble() * (to - from);
        }
        return x;
    }

    /** Parameters of {@code trial} that have more than one possible value: what a mutation can change. */
    private static int searchableIn(SearchSpace space, FrozenTrial trial) {
        int n = 0;
        for (String name : trial.params().keySet()) {
            ParameterSpec spec = space.parameters().get(name);
            if (spec != null && (NumericScale.of(spec) != null
                    || (spec instanceof ParameterSpec.Categorical c && c.choices().size() > 1))) {
                n++;
            }
        }
        return n;
    }
}
