package io.paretune.bench.search.functions;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which half of the benchmark suite a function belongs to, by a rule fixed before any default was tuned, so that
 * defaults can be chosen on one half and judged on the other:
 * <ul>
 * <li>BBOB {@code bbob-fNN-dD}: odd function ids tune, even ones are held out (each of COCO's five groups —
 * separable, moderately and highly conditioned, multimodal with and without global structure — has members in
 * both halves), in every dimension;</li>
 * <li>the four functions the earlier defaults were tuned on ({@link #LEGACY}) tune;</li>
 * <li>every other function by its family (the name without a {@code noisy-} prefix, a {@code -dN} suffix or trailing
 * digits: {@code shekel5} and {@code shekel10} are one family): the families in alphabetical order alternate,
 * the first tuning, the second held out, and so on. A noisy variant goes where its noise-free function goes.</li>
 * </ul>
 */
public final class SuiteSplit {

    /** The two halves, as {@code --set} names them. */
    public enum Half {
        TUNING("tuning"), HELD_OUT("held-out");

        public final String label;

        Half(String label) {
            this.label = label;
        }

        /** @throws IllegalArgumentException naming the halves when {@code label} is neither */
        public static Half of(String label) {
            for (Half h : values()) {
                if (h.label.equals(label)) {
                    return h;
                }
            }
            throw new IllegalArgumentException("unknown set '" + label + "'; known: tuning, held-out");
        }
    }

    /** The functions the defaults of 2026-11 were chosen on. */
    public static final Set<String> LEGACY = Set.of("branin", "hartmann6", "rosenbrock10", "mixed");

    private static final Pattern BBOB = Pattern.compile("bbob-f(\\d+)-d\\d+");

    private final List<String> families;

    /**
     * The split of {@code names}. The families are counted among these names, so a split over a subset would differ:
     * outside tests, always {@link #ofRegistered()}.
     */
    SuiteSplit(List<String> names) {
        Set<String> found = new TreeSet<>();
        for (String name : names) {
            String base = base(name);
            if (!BBOB.matcher(base).matches() && !LEGACY.contains(base)) {
                found.add(family(base));
            }
        }
        this.families = List.copyOf(found);
    }

    /** The split of every registered function: the one the benchmark reports. */
    public static SuiteSplit ofRegistered() {
        return new SuiteSplit(TestFunctions.names());
    }

    /** The families that alternate, in order (the first tunes). */
    public List<String> families() {
        return families;
    }

    public Half of(String name) {
        String base = base(name);
        Matcher bbob = BBOB.matcher(base);
        if (bbob.matches()) {
            return Integer.parseInt(bbob.group(1)) % 2 == 1 ? Half.TUNING : Half.HELD_OUT;
        }
        if (LEGACY.contains(base)) {
            return Half.TUNING;
        }
        int index = families.indexOf(family(base));
        if (index < 0) {
            throw new IllegalArgumentException("'" + name + "' is not a function of this split");
        }
        return index % 2 == 0 ? Half.TUNING : Half.HELD_OUT;
    }

    /** The names in {@code half}, in the order given. */
    public List<String> select(List<String> names, Half half) {
        return names.stream().filter(n -> of(n) == half).toList();
    }

    static String base(String name) {
        return name.startsWith(NoisyFunction.PREFIX) ? name.substring(NoisyFunction.PREFIX.length()) : name;
    }

    static String family(String base) {
        return base.replaceFirst("-d\\d+$", "").replaceFirst("\\d+$", "");
    }
}
