package io.paretune.controller.importance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trials' parameters as the numbers a tree splits on: numbers as they are (a tree splits on order, so a log scale
 * changes nothing), categorical choices and booleans by their rank in sorted order, and a parameter a trial lacks
 * (inactive under a condition) as a value below every other, its own branch. Parameters with a single value over
 * the trials tell nothing and are left out.
 */
public record TrialTable(List<String> parameters, double[][] x) {

    public static TrialTable of(List<Map<String, Object>> params) {
        TreeMap<String, SortedSet<String>> categories = new TreeMap<>();
        TreeMap<String, SortedSet<Double>> numbers = new TreeMap<>();
        for (Map<String, Object> p : params) {
            p.forEach((name, value) -> {
                if (value instanceof Number n) {
                    numbers.computeIfAbsent(name, k -> new TreeSet<>()).add(n.doubleValue());
                } else if (value != null) {
                    categories.computeIfAbsent(name, k -> new TreeSet<>()).add(String.valueOf(value));
                }
            });
        }
        TreeSet<String> names = new TreeSet<>(numbers.keySet());
        names.addAll(categories.keySet());
        List<String> varying = new ArrayList<>();
        for (String name : names) {
            int distinct = numbers.getOrDefault(name, new TreeSet<>()).size()
                    + categories.getOrDefault(name, new TreeSet<>()).size()
                    + (params.stream().anyMatch(p -> p.get(name) == null) ? 1 : 0);
            if (distinct > 1) {
                varying.add(name);
            }
        }
        double[][] x = new double[params.size()][varying.size()];
        for (int c = 0; c < varying.size(); c++) {
            String name = varying.get(c);
            SortedSet<Double> nums = numbers.getOrDefault(name, new TreeSet<>());
            List<String> cats = new ArrayList<>(categories.getOrDefault(name, new TreeSet<>()));
            double top = nums.isEmpty() ? 0 : nums.last();
            double missing = nums.isEmpty() ? -1 : nums.first() - 1;
            for (int r = 0; r < params.size(); r++) {
                Object value = params.get(r).get(name);
                // A parameter that is sometimes a number and sometimes a word keeps the words above the numbers.
                x[r][c] = value == null ? missing
                        : value instanceof Number n ? n.doubleValue()
                        : top + 1 + cats.indexOf(String.valueOf(value));
            }
        }
        return new TrialTable(List.copyOf(varying), x);
    }
}
