package io.paretune.controller.selection;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.controller.search.ParetoFront;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A campaign's COMPLETE trials as the selection rules see them:
 * <ul>
 *   <li>{@link #scored()}: those with a finite value for every objective, in the order of {@link BestTrial} (feasible
 *       first, then the smaller violation, then the primary objective, then the lower number);</li>
 *   <li>{@link #pool()}: the feasible ones, or all of them when none is feasible, in the same order;</li>
 *   <li>{@link #front()}: the pool's non-dominated trials (plain Pareto dominance over the objectives), best first on
 *       the primary objective (ties: the lower number);</li>
 *   <li>{@link #bounds()}: min-max normalization over the front.</li>
 * </ul>
 */
public final class TradeOffs {

    private final CampaignSpec spec;
    private final List<Scored> scored;
    private final List<Scored> pool;
    private final List<Scored> front;
    private final MinMax bounds;

    private TradeOffs(CampaignSpec spec, List<Scored> scored) {
        this.spec = spec;
        this.scored = scored;
        List<Scored> feasible = scored.stream().filter(Scored::isFeasible).toList();
        this.pool = feasible.isEmpty() ? scored : feasible;
        List<Integer> kept = ParetoFront.nondominated(pool.stream().map(Scored::minimized).toList());
        this.front = kept.stream().map(pool::get).sorted(primaryOnly(spec.primaryObjective().direction())).toList();
        this.bounds = front.isEmpty() ? null : MinMax.over(front.stream().map(Scored::minimized).toList());
    }

    /** @param complete the campaign's COMPLETE trials, in any order */
    public static TradeOffs of(CampaignSpec spec, List<Contender> complete) {
        List<Objective> objectives = spec.objectives();
        List<Scored> scored = new ArrayList<>();
        for (Contender c : complete) {
            List<Double> values = new ArrayList<>();
            for (Objective o : objectives) {
                values.add(c.metric(o.metric()));
            }
            if (values.contains(null)) {
                continue; // the tell rules give every COMPLETE trial its objectives; this guards regardless
            }
            double[] minimized = ParetoFront.minimizing(values, objectives);
            for (int k = 0; k < minimized.length; k++) {
                minimized[k] += 0.0; // -0.0 (a negated 0) becomes 0.0
            }
            scored.add(new Scored(c, values, minimized, BestTrial.totalViolation(spec.constraints(), c.metrics())));
        }
        scored.sort(order(spec.primaryObjective().direction()));
        return new TradeOffs(spec, List.copyOf(scored));
    }

    /** {@link BestTrial}'s ranking as an order: the best first. */
    static Comparator<Scored> order(Direction primary) {
        return (a, b) -> BestTrial.beats(primary, candidate(a), candidate(b)) ? -1
                : BestTrial.beats(primary, candidate(b), candidate(a)) ? 1 : 0;
    }

    /** The primary objective alone: the best value first, ties to the lower number. */
    static Comparator<Scored> primaryOnly(Direction primary) {
        Comparator<Scored> byValue = Comparator.comparingDouble(Scored::primary);
        return (primary == Direction.MAXIMIZE ? byValue.reversed() : byValue).thenComparingInt(Scored::number);
    }

    private static BestTrial.Candidate candidate(Scored s) {
        return new BestTrial.Candidate(s.number(), s.primary(), s.violation());
    }

    public CampaignSpec spec() {
        return spec;
    }

    public List<Scored> scored() {
        return scored;
    }

    public boolean isEmpty() {
        return scored.isEmpty();
    }

    /** Whether some trial meets every constraint (always, when there are trials and no constraints). */
    public boolean anyFeasible() {
        return !scored.isEmpty() && scored.get(0).isFeasible();
    }

    public List<Scored> pool() {
        return pool;
    }

    public List<Scored> front() {
        return front;
    }

    /** Normalization over the front; null when there is no trial. */
    public MinMax bounds() {
        return bounds;
    }

    public double[] normalized(Scored s) {
        return bounds.normalize(s.minimized());
    }

    /** The best trial on the primary objective, feasible first (then the least violation): the primary rule's choice. */
    public Scored best() {
        return scored.get(0);
    }

    /**
     * The best trial of the pool on the primary objective alone (ties: the lower number): the verdict's reference,
     * "the most accurate". Among feasible trials it is {@link #best()}; when none is feasible, the most accurate of
     * all, which the least violation may not be.
     */
    public Scored bestOnPrimary() {
        return pool.stream().min(primaryOnly(spec.primaryObjective().direction())).orElseThrow();
    }

    /** Whether the pool is the feasible trials of a campaign with constraints. */
    public boolean constrainedToFeasible() {
        return !spec.constraints().isEmpty() && anyFeasible();
    }
}
