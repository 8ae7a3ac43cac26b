package io.paretune.bench.search.functions.bbob;

import java.util.function.ToDoubleFunction;

/**
 * One BBOB function of one instance less its offset fopt: 0 at {@code argmin}, positive elsewhere. COCO adds fopt
 * last (or next to last, before a boundary penalty); {@link BbobFunction} adds it.
 */
record Landscape(ToDoubleFunction<double[]> value, double[] argmin) {

    double at(double[] x) {
        return value.applyAsDouble(x);
    }
}
