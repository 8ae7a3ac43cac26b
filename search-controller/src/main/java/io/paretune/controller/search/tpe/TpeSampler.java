package io.paretune.controller.search.tpe;

import io.paretune.contract.campaign.FieldError;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Tree-structured Parzen Estimator ({@code "tpe"}; Bergstra et al. 2011), with Optuna 3.1's {@code TPESampler}
 * defaults and behaviour. The first {@code nStartupTrials} trials are the random sampler's (the same values it would
 * give). After that, for each parameter the observed trials are split into a good group (the best
 * {@code min(ceil(0.1 n), 25)} of n) and the rest; a Parzen estimator l(x) is fitted to the good values and g(x) to
 * the others, {@code nEiCandidates} values are drawn from l, and the one with the largest l(x)/g(x) is proposed.
 * Log ranges are modelled in log space, stepped integers as intervals of one step; categorical choices by weighted
 * counts smoothed by a prior. Kernel densities are computed as Optuna 3.1 computes them, unnormalized width
 * included (see {@link NumericParzen}); on the same observations the log densities agree with Optuna's to 1e-9
 * (repeated integer values taken in trial order, where numpy leaves their order open).
 * <p>
 * History: PRUNED trials rank after the COMPLETE ones by the last step they reached and their value there; FAIL
 * trials are ignored; with constraints, feasible trials form the good group first (see {@link Observations}). A
 * conditional parameter is modelled from the trials where it exists. With two or more objectives the good group is
 * chosen by non-dominated sorting and weighted by hypervolume contribution, as {@link MotpeSampler}.
 * <p>
 * {@code strategy.options}, all optional:
 * <ul>
 * <li>{@code nStartupTrials} (integer ≥ 0, default 10): random trials before TPE starts.</li>
 * <li>{@code nEiCandidates} (integer ≥ 1, default 24): candidates drawn from l(x) per parameter.</li>
 * <li>{@code multivariate} (boolean, default false): one joint estimator over all unconditional parameters, as
 * Optuna's {@code multivariate=True}; conditional parameters are then still sampled one by one (Optuna's
 * independent fallback for parameters outside the shared search space), from the trials where they exist.</li>
 * <li>{@code constantLiar} (boolean, default true, where Optuna's is false): pending (WAITING, RUNNING) trials count
 * as having the worst value, so trials proposed while others run are not proposed again.</li>
 * <li>{@code priorWeight} (number &gt; 0, default 1.0): weight of the prior kernel.</li>
 * <li>{@code considerEndpoints} (boolean, default false): let the range's bounds narrow the outermost kernels.</li>
 * <li>{@code gamma} (number in (0, 1], default 0.1): fraction of the trials in the good group, at most 25.</li>
 * </ul>
 * <pre>{@code
 * "strategy": {"sampler": "tpe", "seed": 7, "options": {"nStartupTrials": 20, "multivariate": true}}
 * }</pre>
 * Stateless and reproducible: the proposal depends only on the request (trial {@code n} draws from a stream seeded
 * by the campaign's seed and {@code n}).
 */
@ApplicationScoped
public class TpeSampler implements Sampler {

    public static final String NAME = "tpe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> sample(SamplingRequest request) {
        return TreeParzen.sample(request, TpeOptions.of(request.options()));
    }

    @Override
    public List<FieldError> checkOptions(Map<String, Object> options, int objectiveCount) {
        return TpeOptions.check(options, NAME);
    }
}
