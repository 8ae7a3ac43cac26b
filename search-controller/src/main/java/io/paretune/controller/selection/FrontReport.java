package io.paretune.controller.selection;

import io.paretune.controller.search.Hypervolume;

import java.util.List;

/**
 * A campaign's Pareto front measured: its trials (see {@link TradeOffs#front()}), their normalization and the
 * hypervolume they dominate in normalized space up to the reference point {@link MinMax#normalizedReference()}.
 *
 * @param feasibleOnly whether the front's trials meet every constraint (true without constraints)
 * @param bounds       null when there is no front
 * @param hypervolume  null when there is no front, or it is too large to measure exactly (see {@code omitted})
 * @param omitted      why the hypervolume is null; null when it is not
 */
public record FrontReport(boolean feasibleOnly, List<Scored> front, MinMax bounds, Double hypervolume,
                          String omitted) {

    public static FrontReport of(TradeOffs tradeOffs) {
        List<Scored> front = tradeOffs.front();
        boolean feasibleOnly = tradeOffs.isEmpty() || tradeOffs.anyFeasible();
        if (front.isEmpty()) {
            return new FrontReport(feasibleOnly, front, null, null, "no complete trial yet");
        }
        int m = tradeOffs.spec().objectives().size();
        if (!Hypervolume.isTractable(front.size(), m)) {
            return new FrontReport(feasibleOnly, front, tradeOffs.bounds(), null, "not measured: the exact "
                    + "hypervolume of " + front.size() + " points in " + m + " objectives would take too long (it is "
                    + "measured up to " + Hypervolume.maxPoints(m) + " points in " + m + " objectives)");
        }
        double[][] points = front.stream().map(tradeOffs::normalized).toArray(double[][]::new);
        double volume = Hypervolume.of(points, tradeOffs.bounds().normalizedReference());
        return new FrontReport(feasibleOnly, front, tradeOffs.bounds(), volume, null);
    }

    /** The hypervolume of a front of one ideal point: 1.1^m. */
    public static double maximum(int objectives) {
        return Math.pow(1 + MinMax.REFERENCE_MARGIN, objectives);
    }
}
