package io.paretune.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one client told about one campaign, held against what the controller lists for it afterwards: every told
 * trial must be listed exactly once, COMPLETE, with the value told; nothing else may be listed; trial numbers must
 * be 0, 1, ..., n-1 each once. A lost write, a trial recorded twice or a phantom trial shows here.
 *
 * <pre>{@code
 * TrialLedger ledger = new TrialLedger();
 * ledger.told(ask.trialId(), ask.number(), value);
 * TrialLedger.Check check = ledger.check(listedTrials);
 * }</pre>
 */
public final class TrialLedger {

    /** A trial as the controller lists it. */
    public record Listed(String trialId, int number, String state, Double value) {
    }

    /** A trial as the client asked and told it. */
    public record Told(String trialId, int number, double value) {
    }

    /**
     * The differences, each a list of trial ids (or numbers); all empty when the controller kept exactly what was told.
     *
     * @param lost           told, not listed
     * @param duplicated     listed more than once, or handed to the client by two asks
     * @param unexpected     listed, never told
     * @param numberGaps     numbers in 0..n-1 that no listed trial has
     * @param repeatedNumbers numbers two listed trials share
     * @param notComplete    told complete, listed in another state
     * @param valueMismatch  listed with another value than the one told
     */
    public record Check(int told, int listed, List<String> lost, List<String> duplicated, List<String> unexpected,
                        List<Integer> numberGaps, List<Integer> repeatedNumbers, List<String> notComplete,
                        List<String> valueMismatch) {

        public boolean clean() {
            return lost.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty() && numberGaps.isEmpty()
                    && repeatedNumbers.isEmpty() && notComplete.isEmpty() && valueMismatch.isEmpty();
        }

        /** The counts, for the JSON. */
        public Map<String, Integer> counts() {
            Map<String, Integer> out = new LinkedHashMap<>();
            out.put("told", told);
            out.put("listed", listed);
            out.put("lost", lost.size());
            out.put("duplicated", duplicated.size());
            out.put("unexpected", unexpected.size());
            out.put("numberGaps", numberGaps.size());
            out.put("repeatedNumbers", repeatedNumbers.size());
            out.put("notComplete", notComplete.size());
            out.put("valueMismatch", valueMismatch.size());
            return out;
        }
    }

    private final List<Told> told = new ArrayList<>();

    public void told(String trialId, int number, double value) {
        told.add(new Told(trialId, number, value));
    }

    public int size() {
        return told.size();
    }

    public Check check(List<Listed> listed) {
        List<String> duplicated = new ArrayList<>();
        Map<String, Told> byId = new HashMap<>();
        for (Told t : told) {
            if (byId.putIfAbsent(t.trialId(), t) != null) {
                duplicated.add(t.trialId());
            }
        }
        Map<String, Listed> listedById = new HashMap<>();
        Map<Integer, Integer> numbers = new TreeMap<>();
        for (Listed l : listed) {
            if (listedById.putIfAbsent(l.trialId(), l) != null && !duplicated.contains(l.trialId())) {
                duplicated.add(l.trialId());
            }
            numbers.merge(l.number(), 1, Integer::sum);
        }
        List<String> lost = new ArrayList<>();
        List<String> notComplete = new ArrayList<>();
        List<String> valueMismatch = new ArrayList<>();
        for (Told t : byId.values()) {
            Listed l = listedById.get(t.trialId());
            if (l == null) {
                lost.add(t.trialId());
            } else if (!"COMPLETE".equals(l.state())) {
                notComplete.add(t.trialId() + " " + l.state());
            } else if (l.value() == null || Double.compare(l.value(), t.value()) != 0 || l.number() != t.number()) {
                valueMismatch.add(t.trialId() + " told #" + t.number() + "=" + t.value() + ", listed #" + l.number()
                        + "=" + l.value());
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String id : listedById.keySet()) {
            if (!byId.containsKey(id)) {
                unexpected.add(id);
            }
        }
        List<Integer> gaps = new ArrayList<>();
        Set<Integer> present = new HashSet<>(numbers.keySet());
        for (int n = 0; n < listed.size(); n++) {
            if (!present.contains(n)) {
                gaps.add(n);
            }
        }
        List<Integer> repeated = numbers.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        return new Check(told.size(), listed.size(), lost, duplicated, unexpected, gaps, repeated, notComplete,
                valueMismatch);
    }
}
