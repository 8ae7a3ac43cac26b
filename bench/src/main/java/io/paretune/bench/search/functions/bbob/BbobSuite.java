package io.paretune.bench.search.functions.bbob;

import java.util.ArrayList;
import java.util.List;

/**
 * The BBOB functions the search benchmark runs: COCO's 24 noiseless functions in 2, 5 and 10 dimensions, instance 1,
 * in COCO's order (by dimension, then function). {@code bench/bbob.py}'s {@code suite()} lists the same.
 */
public final class BbobSuite {

    public static final List<Integer> DIMENSIONS = List.of(2, 5, 10);
    public static final int INSTANCE = 1;

    private BbobSuite() {
    }

    public static List<BbobFunction> functions() {
        return functions(DIMENSIONS, INSTANCE);
    }

    public static List<BbobFunction> functions(List<Integer> dimensions, int instance) {
        List<BbobFunction> out = new ArrayList<>();
        for (int d : dimensions) {
            for (int f = 1; f <= BbobFunction.FUNCTIONS; f++) {
                out.add(new BbobFunction(f, d, instance));
            }
        }
        return out;
    }
}
