package io.paretune.bench.compression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the benchmark's goals: what it asks, its checks (each figure with threshold and measured value), whether
 * every check is met, whether it was judged on a quick slice (then it says nothing about the full-size goal), and the
 * figures behind it.
 */
record Goal(String id, String statement, List<Check> checks, boolean met, boolean quick, Map<String, Object> details) {

    static Goal of(String id, String statement, List<Check> checks, Map<String, Object> details) {
        boolean met = !checks.isEmpty() && checks.stream().allMatch(Check::met);
        return new Goal(id, statement, List.copyOf(checks), met, false, details);
    }

    Goal judgedQuick() {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("note", "judged on a quick slice (fewer images, epochs, trials and seeds): not the full-run goal");
        return new Goal(id, statement, checks, met, true, d);
    }
}
