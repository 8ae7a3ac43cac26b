package io.paretune.controller.search.tpe;

import io.paretune.contract.campaign.FieldError;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;
import io.paretune.controller.search.Seeds;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator ({@code "tpe"}; Bergstra et al. 2011). The first {@code nStartupTrials} trials
 * are the random sampler's (the same values it would give). After that the observed trials are split into a good
 * group (the best {@code min(ceil(0.1 n), 25)} of n, Optuna 3.1's split) and the rest; a Parzen estimator l(x) is
 * fitted to the good trials and g(x) to the others, {@code nEiCandidates} points are drawn from l, and the one with
 * the largest l(x)/g(x) is proposed. Log ranges are modelled in log space, stepped integers as intervals of one step;
 * categorical choices by weighted counts smoothed by a prior. Kernel densities are computed as Optuna 3.1 computes
 * them, unnormalized width included (see {@link NumericParzen}); on the same observations the log densities agree
 * with Optuna's to 1e-9 (repeated integer values taken in trial order, where numpy leaves their order open).
 * <p>
 * Where the defaults depart from Optuna's {@code TPESampler} ({@link TpeOptions#TPE}), and why: Optuna models each
 * parameter on its own, weighs the good trials equally and uses wide kernels; Paretune's {@code tpe} by default
 * models all unconditional parameters jointly and weighs each good trial by its improvement over the rest, as
 * Watanabe (2023) recommends from ablations of TPE, with kernels that start as wide as Optuna's and narrow to a third
 * of that by trial 200; a quarter of the trials, drawn per trial from the seed, are proposed exactly as Optuna's TPE
 * would. Kernels narrow from the first trial exploited too early on rugged functions; the annealing and the share
 * were chosen on the tuning half of the search benchmark's suite and judged on its held-out half
 * ({@code ./paretune bench search}, README "Search quality"). With {@code multivariate: false, goodWeights: "equal"}
 * it is Optuna's TPE again, and ties with it.
 * <p>
 * History: PRUNED trials rank after the COMPLETE ones by the last step they reached and their value there; FAIL
 * trials are ignored; with constraints, feasible trials form the good group first (see {@link Observations}). A
 * conditional parameter is modelled from the trials where it exists. With two or more objectives the good group is
 * chosen by non-dominated sorting and weighted by hypervolume contribution, as {@link MotpeSampler}.
 * <p>
 * {@code strategy.options}, all optional:
 * <ul>
 * <li>{@code nStartupTrials} (integer ≥ 0, default 10): random trials before TPE starts.</li>
 * <li>{@code nEiCandidates} (integer ≥ 1, default 24): candidates drawn from l(x).</li>
 * <li>{@code multivariate} (boolean, default true, where Optuna's is false): one joint estimator over all
 * unconditional parameters, as Optuna's {@code multivariate=True}; conditional parameters are then still sampled one
 * by one (Optuna's independent fallback for parameters outside the shared search space), from the trials where they
 * exist.</li>
 * <li>{@code goodWeights} ({@code "improvement"}, the default, or {@code "equal"}, Optuna's): how the good trials
 * weigh in l(x); by improvement, a good trial counts in proportion to how far it beats the best of the rest.</li>
 * <li>{@code bandwidthFactor} (number in (0, 1], default 0.07, Optuna's 0.2) and {@code magicClipExponent} (number
 * in [1, 10], default 2, Optuna's 1): the joint estimator's kernel width, factor · n^(−1/(d+4)) · range, and its
 * floor, range / min(100, (1 + kernels)^exponent), where the annealing ends. They shape the multivariate estimator
 * only; the univariate one keeps Optuna's neighbour-distance widths.</li>
 * <li>{@code annealTrials} (integer ≥ 0, default 200; 0: no annealing): the trial count by which the joint
 * estimator's width has gone from Optuna's (factor 0.2, exponent 1) at the end of the startup trials to
 * {@code bandwidthFactor} and {@code magicClipExponent}, geometrically in the factor and linearly in the exponent.</li>
 * <li>{@code optunaShare} (number in [0, 1], default 0.25): the chance that a trial after the startup ones is proposed
 * with Optuna's choices (univariate, equal weights, Optuna's widths) instead.</li>
 * <li>{@code constantLiar} (boolean, default true, where Optuna's is false): pending (WAITING, RUNNING) trials count
 * as having the worst value, so trials proposed while others run are not proposed again.</li>
 * <li>{@code priorWeight} (number &gt; 0, default 1.0): weight of the prior kernel.</li>
 * <li>{@code considerEndpoints} (boolean, default false): let the range's bounds narrow the outermost kernels.</li>
 * <li>{@code gamma} (number in (0, 1], default 0.1): fraction of the trials in the good group, at most 25.</li>
 * </ul>
 * <pre>{@code
 * "strategy": {"sampler": "tpe", "seed": 7, "options": {"nStartupTrials": 20}}
 * "strategy": {"sampler": "tpe", "seed": 7, "options": {"multivariate": false, "goodWeights": "equal"}}  // Optuna's TPE
 * }</pre>
 * Stateless and reproducible: the proposal depends only on the request (trial {@code n} draws from a stream seeded
 * by the campaign's seed and {@code n}).
 */
public class TpeSampler implements Sampler {

    public static final String NAME = "tpe";
    /** Seed stream of the per-trial choice between the defaults and Optuna's choices ({@code optunaShare}). */
    private static final long SHARE_STREAM = 0x0D7A_5A4E_11C3_9E27L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> sample(SamplingRequest request) {
        // With several objectives the good group is weighted by hypervolume: tpe is then motpe, Optuna's defaults included.
        TpeOptions defaults = request.objectives().size() > 1 ? TpeOptions.OPTUNA : TpeOptions.TPE;
        TpeOptions options = TpeOptions.of(request.options(), defaults);
        if (options.optunaShare() > 0 && new SplittableRandom(Seeds.derive(request.seed(), SHARE_STREAM,
                request.trialNumber())).nextDouble() < options.optunaShare()) {
            options = options.asOptuna();
        }
        return TreeParzen.sample(request, options);
    }

    @Override
    public List<FieldError> checkOptions(Map<String, Object> options, int objectiveCount) {
        return TpeOptions.check(options, NAME);
    }
}
