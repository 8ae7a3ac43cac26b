package io.paretune.bench.compression;

import io.paretune.bench.Stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The benchmark's six goals, each computed from the trials of its campaigns (test accuracy on the 10k test images,
 * the other figures as the evaluator measured the shipped model). Pure functions of their inputs: nothing here talks
 * to the stack.
 */
final class CompressionGoals {

    static final double UNSTRUCTURED_REDUCTION = 12;
    static final double UNSTRUCTURED_POINTS = 0.5;
    static final double STRUCTURED_SPEEDUP = 3;
    static final double STRUCTURED_POINTS = 1.0;
    static final double INT8_SIZE_RATIO = 3.5;
    static final double INT8_POINTS = 0.5;
    static final double CNN_ACCURACY = 0.91;
    static final double CNN_NONZERO_LIMIT = 100_000;
    static final double PEER_POINTS = 0.3;
    static final double PEER_MAX_SPARSITY = 0.95;

    private CompressionGoals() {
    }

    /** The most accurate dense fp32 trial by test accuracy: the reference every goal compares against. */
    static Optional<ScoredTrial> mostAccurateDense(List<ScoredTrial> trials) {
        return trials.stream().filter(t -> t.dense() && t.precision().equals("fp32") && !Double.isNaN(t.testAccuracy()))
                .max(Comparator.comparingDouble(ScoredTrial::testAccuracy).thenComparing(t -> -t.number()));
    }

    /** Points (percentage points) by which {@code t} is less accurate on the test images than {@code reference}. */
    static double pointsBelow(ScoredTrial reference, ScoredTrial t) {
        return (reference.testAccuracy() - t.testAccuracy()) * 100;
    }

    /**
     * Goal 1: of the pruned trials within {@value #UNSTRUCTURED_POINTS} points of the most accurate dense one, the
     * largest reduction of non-zero weights, with its batch-1 latency against the dense model (unstructured zeros run
     * on dense kernels: expect about 1×).
     */
    static Goal unstructured(List<ScoredTrial> trials) {
        Map<String, Object> d = new LinkedHashMap<>();
        Optional<ScoredTrial> dense = mostAccurateDense(trials);
        List<Check> checks = new ArrayList<>();
        if (dense.isEmpty()) {
            d.put("note", "no scored dense fp32 trial");
            return Goal.of("unstructured", statement1(), List.of(Check.atLeast("nonzero_reduction", UNSTRUCTURED_REDUCTION,
                    null)), d);
        }
        ScoredTrial ref = dense.get();
        d.put("dense_trial", summary(ref));
        List<ScoredTrial> pruned = trials.stream().filter(t -> !t.dense() && !Double.isNaN(t.testAccuracy())
                && t.metric("nonzero_params") > 0).toList();
        Optional<ScoredTrial> best = pruned.stream()
                .filter(t -> pointsBelow(ref, t) <= UNSTRUCTURED_POINTS + 1e-9)
                .max(Comparator.comparingDouble((ScoredTrial t) -> reduction(ref, t)));
        Optional<ScoredTrial> sparsest = pruned.stream().max(Comparator.comparingDouble((ScoredTrial t) -> reduction(ref, t)));
        best.ifPresent(t -> {
            Map<String, Object> chosen = summary(t);
            chosen.put("nonzero_reduction", Stats.round(reduction(ref, t), 2));
            chosen.put("points_below_dense", Stats.round(pointsBelow(ref, t), 2));
            chosen.put("latency_ratio_dense_over_pruned", ratio(ref.metric("latency_ms_p50"), t.metric("latency_ms_p50")));
            chosen.put("macs_ratio_dense_over_pruned", ratio(ref.metric("macs"), t.metric("macs")));
            d.put("chosen_trial", chosen);
        });
        sparsest.ifPresent(t -> {
            Map<String, Object> s = summary(t);
            s.put("nonzero_reduction", Stats.round(reduction(ref, t), 2));
            s.put("points_below_dense", Stats.round(pointsBelow(ref, t), 2));
            d.put("sparsest_trial", s);
        });
        checks.add(Check.atLeast("nonzero_reduction", UNSTRUCTURED_REDUCTION,
                best.map(t -> Stats.round(reduction(ref, t), 2)).orElse(null)));
        checks.add(Check.atMost("points_below_dense", UNSTRUCTURED_POINTS,
                best.map(t -> Stats.round(pointsBelow(ref, t), 2)).orElse(null)));
        return Goal.of("unstructured", statement1(), checks, d);
    }

    private static String statement1() {
        return "a pruned model with >= " + (int) UNSTRUCTURED_REDUCTION + "x fewer non-zero weights than the most "
                + "accurate dense model, at most " + UNSTRUCTURED_POINTS + " points lower test accuracy";
    }

    /** Goal 2: of the structured trials within a point of the most accurate dense one, the lowest batch-1 latency. */
    static Goal structured(List<ScoredTrial> trials) {
        String statement = "a structurally pruned model with >= " + (int) STRUCTURED_SPEEDUP + "x lower batch-1 latency "
                + "(latency_ms_p50) than the most accurate dense model, at most " + STRUCTURED_POINTS
                + " point lower test accuracy";
        Map<String, Object> d = new LinkedHashMap<>();
        Optional<ScoredTrial> dense = mostAccurateDense(trials);
        if (dense.isEmpty()) {
            d.put("note", "no scored dense fp32 trial");
            return Goal.of("structured", statement, List.of(Check.atLeast("latency_speedup", STRUCTURED_SPEEDUP, null)), d);
        }
        ScoredTrial ref = dense.get();
        d.put("dense_trial", summary(ref));
        List<Map<String, Object>> all = new ArrayList<>();
        ScoredTrial best = null;
        for (ScoredTrial t : trials) {
            if (!t.pruning().equals("structured")) {
                continue;
            }
            double speedup = ref.metric("latency_ms_p50") / t.metric("latency_ms_p50");
            Map<String, Object> s = summary(t);
            s.put("latency_speedup", Stats.round(speedup, 2));
            s.put("throughput_ratio", ratio(t.metric("throughput_per_s"), ref.metric("throughput_per_s")));
            s.put("macs_ratio_dense_over_pruned", ratio(ref.metric("macs"), t.metric("macs")));
            s.put("points_below_dense", Stats.round(pointsBelow(ref, t), 2));
            all.add(s);
            if (pointsBelow(ref, t) <= STRUCTURED_POINTS + 1e-9 && !Double.isNaN(speedup)
                    && (best == null || speedup > ref.metric("latency_ms_p50") / best.metric("latency_ms_p50"))) {
                best = t;
            }
        }
        d.put("structured_trials", all);
        ScoredTrial chosen = best;
        if (chosen != null) {
            d.put("chosen_trial", chosen.number());
        }
        return Goal.of("structured", statement, List.of(
                Check.atLeast("latency_speedup", STRUCTURED_SPEEDUP, chosen == null ? null
                        : Stats.round(ref.metric("latency_ms_p50") / chosen.metric("latency_ms_p50"), 2)),
                Check.atMost("points_below_dense", STRUCTURED_POINTS, chosen == null ? null
                        : Stats.round(pointsBelow(ref, chosen), 2))), d);
    }

    /**
     * Goal 3: the most accurate dense int8 trial against the most accurate dense fp32 trial of the same campaign
     * (same architecture and training settings, trained separately): artifact size ratio and test accuracy drop.
     *
     * @param computePrecision what the evaluator says the int8 model computed in (from its model card); may be null
     */
    static Goal int8(List<ScoredTrial> trials, String computePrecision) {
        String statement = "an int8 artifact >= " + INT8_SIZE_RATIO + "x smaller than fp32 of the same network, at most "
                + INT8_POINTS + " points lower test accuracy";
        Map<String, Object> d = new LinkedHashMap<>();
        Optional<ScoredTrial> fp32 = mostAccurateDense(trials);
        Optional<ScoredTrial> int8 = int8Trial(trials);
        if (fp32.isEmpty() || int8.isEmpty()) {
            d.put("note", "needs a scored dense fp32 trial and a scored dense int8 trial");
            return Goal.of("int8", statement, List.of(Check.atLeast("size_ratio", INT8_SIZE_RATIO, null)), d);
        }
        ScoredTrial f = fp32.get();
        ScoredTrial q = int8.get();
        d.put("fp32_trial", summary(f));
        d.put("int8_trial", summary(q));
        d.put("int8_compute_precision", computePrecision);
        // The int8 trial's own drop: validation accuracy of its weights before and after quantization, the same
        // training run, so free of the seed-to-seed spread that the comparison of two trials carries.
        d.put("int8_val_accuracy_drop_points_same_weights", Double.isNaN(q.metric("accuracy_drop")) ? null
                : Stats.round(q.metric("accuracy_drop") * 100, 2));
        d.put("latency_ratio_fp32_over_int8", ratio(f.metric("latency_ms_p50"), q.metric("latency_ms_p50")));
        return Goal.of("int8", statement, List.of(
                Check.atLeast("size_ratio", INT8_SIZE_RATIO, ratio(f.metric("model_size_bytes"), q.metric("model_size_bytes"))),
                Check.atMost("points_below_fp32", INT8_POINTS, Stats.round(pointsBelow(f, q), 2))), d);
    }

    static Optional<ScoredTrial> int8Trial(List<ScoredTrial> trials) {
        return trials.stream().filter(t -> t.dense() && t.precision().equals("int8") && !Double.isNaN(t.testAccuracy()))
                .max(Comparator.comparingDouble(ScoredTrial::testAccuracy).thenComparing(t -> -t.number()));
    }

    /** Goal 4: the best test accuracy among the trials with fewer than 100,000 non-zero parameters. */
    static Goal cnn(List<ScoredTrial> trials) {
        String statement = "a CNN with fewer than " + (long) CNN_NONZERO_LIMIT + " non-zero parameters at >= "
                + CNN_ACCURACY + " test accuracy";
        Map<String, Object> d = new LinkedHashMap<>();
        Optional<ScoredTrial> best = trials.stream()
                .filter(t -> t.metric("nonzero_params") < CNN_NONZERO_LIMIT && !Double.isNaN(t.testAccuracy()))
                .max(Comparator.comparingDouble(ScoredTrial::testAccuracy).thenComparing(t -> -t.number()));
        best.ifPresent(t -> d.put("best_trial", summary(t)));
        d.put("trials_under_limit", trials.stream().filter(t -> t.metric("nonzero_params") < CNN_NONZERO_LIMIT).count());
        return Goal.of("cnn", statement, List.of(Check.atLeast("test_accuracy", CNN_ACCURACY,
                best.map(t -> Stats.round(t.testAccuracy(), 4)).orElse(null))), d);
    }

    /**
     * Goal 5: per seed the hypervolume of the guided campaign and of the random one (same budget and space); the
     * medians over seeds, and how many seeds the guided one won.
     *
     * @param guided by seed, the guided campaign's trials; {@code random} likewise, same seeds
     */
    static Goal front(String sampler, Map<Long, List<ScoredTrial>> guided, Map<Long, List<ScoredTrial>> random) {
        String statement = "median hypervolume (val_accuracy max, nonzero_params min; fixed bounds) of the " + sampler
                + " campaigns above that of the random ones, same budget, over the same seeds";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("bounds", FrontHypervolume.bounds());
        Map<Long, Object> perSeed = new TreeMap<>();
        List<Double> g = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        int wins = 0;
        for (Map.Entry<Long, List<ScoredTrial>> e : new TreeMap<>(guided).entrySet()) {
            List<ScoredTrial> other = random.get(e.getKey());
            if (other == null) {
                continue;
            }
            double hvGuided = FrontHypervolume.of(e.getValue());
            double hvRandom = FrontHypervolume.of(other);
            g.add(hvGuided);
            r.add(hvRandom);
            wins += hvGuided > hvRandom ? 1 : 0;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put(sampler, Stats.round(hvGuided, 4));
            s.put("random", Stats.round(hvRandom, 4));
            s.put(sampler + "_trials", e.getValue().size());
            s.put("random_trials", other.size());
            perSeed.put(e.getKey(), s);
        }
        d.put("hypervolume_by_seed", perSeed);
        Double medianGuided = g.isEmpty() ? null : Stats.round(Stats.median(g), 4);
        Double medianRandom = r.isEmpty() ? null : Stats.round(Stats.median(r), 4);
        d.put("median_" + sampler, medianGuided);
        d.put("median_random", medianRandom);
        d.put("seeds_won_by_" + sampler, wins + " of " + g.size());
        return Goal.of("front", statement, List.of(Check.above("median_hypervolume_difference", 0,
                medianGuided == null ? null : Stats.round(medianGuided - medianRandom, 4))), d);
    }

    /**
     * Goal 6: Paretune's magnitude-pruned trials beside PyTorch's global magnitude pruning at the same sparsities,
     * each side trained once per seed; at every sparsity up to 95 % present on both sides, Paretune's mean test
     * accuracy over its seeds at most 0.3 points below PyTorch's mean. One run of either side differs from the next
     * by about as much as the threshold, so a single pair of runs says little; the seeds' values are shown beside.
     *
     * @param paretune the trials of each seed's unstructured campaign
     * @param torch    test accuracy by sparsity (0: the dense model) from each seed's {@code bench/pytorch_prune.py}
     */
    static Goal peer(List<List<ScoredTrial>> paretune, List<Map<Double, Double>> torch) {
        String statement = "Paretune's magnitude-pruned MLP, mean over seeds, no more than " + PEER_POINTS
                + " points below PyTorch's global magnitude pruning (torch.nn.utils.prune), mean over seeds, at every "
                + "sparsity up to " + (int) (PEER_MAX_SPARSITY * 100) + " %";
        Map<Double, List<Double>> ours = new TreeMap<>();
        for (List<ScoredTrial> trials : paretune) {
            peerAccuracyBySparsity(trials).forEach((s, a) -> ours.computeIfAbsent(s, k -> new ArrayList<>()).add(a));
        }
        Map<Double, List<Double>> theirs = new TreeMap<>();
        for (Map<Double, Double> run : torch) {
            run.forEach((s, a) -> theirs.computeIfAbsent(s, k -> new ArrayList<>()).add(a));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Double worst = null;
        for (Map.Entry<Double, List<Double>> e : theirs.entrySet()) {
            List<Double> mine = ours.get(e.getKey());
            double theirMean = Stats.mean(e.getValue());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sparsity", e.getKey());
            row.put("paretune_test_accuracy", mine == null ? null : Stats.round(Stats.mean(mine), 4));
            row.put("pytorch_test_accuracy", Stats.round(theirMean, 4));
            if (mine != null) {
                double diff = (Stats.mean(mine) - theirMean) * 100;
                row.put("paretune_minus_pytorch_points", Stats.round(diff, 2));
                if (e.getKey() > 0 && e.getKey() <= PEER_MAX_SPARSITY + 1e-9) {
                    worst = worst == null ? diff : Math.min(worst, diff);
                }
            }
            row.put("paretune_by_seed", mine == null ? List.of() : mine.stream().map(a -> Stats.round(a, 4)).toList());
            row.put("pytorch_by_seed", e.getValue().stream().map(a -> Stats.round(a, 4)).toList());
            rows.add(row);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("paretune_seeds", paretune.size());
        d.put("pytorch_seeds", torch.size());
        d.put("side_by_side", rows);
        return Goal.of("peer", statement, List.of(Check.atLeast("worst_paretune_minus_pytorch_points", -PEER_POINTS,
                worst == null ? null : Stats.round(worst, 2))), d);
    }

    /** One campaign's figures for the peer: the most accurate dense fp32 trial at 0, magnitude fp32 trials by target. */
    private static Map<Double, Double> peerAccuracyBySparsity(List<ScoredTrial> trials) {
        Map<Double, Double> out = new TreeMap<>();
        mostAccurateDense(trials).ifPresent(t -> out.put(0.0, t.testAccuracy()));
        for (ScoredTrial t : trials) {
            if (t.pruning().equals("magnitude") && t.precision().equals("fp32") && t.targetSparsity() != null
                    && !Double.isNaN(t.testAccuracy())) {
                out.merge(t.targetSparsity(), t.testAccuracy(), Math::max);
            }
        }
        return out;
    }

    private static double reduction(ScoredTrial dense, ScoredTrial t) {
        return dense.metric("nonzero_params") / t.metric("nonzero_params");
    }

    private static Double ratio(double a, double b) {
        double r = a / b;
        return Double.isNaN(r) || Double.isInfinite(r) ? null : Stats.round(r, 2);
    }

    /** What the JSON shows of a trial: its number, compression settings and the figures the goals use. */
    static Map<String, Object> summary(ScoredTrial t) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("trial", t.number());
        s.put("pruning", t.pruning());
        if (t.targetSparsity() != null) {
            s.put("target_sparsity", t.targetSparsity());
        }
        s.put("precision", t.precision());
        for (String m : List.of("test_accuracy", "val_accuracy", "nonzero_params", "param_count", "sparsity", "macs",
                "model_size_bytes", "compression_ratio", "accuracy_drop", "latency_ms_p50", "latency_ms_p95",
                "throughput_per_s")) {
            double v = t.metric(m);
            if (!Double.isNaN(v)) {
                s.put(m, Stats.significant(v));
            }
        }
        return s;
    }
}
