package io.paretune.ml.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU as Linux describes it in {@code /proc/cpuinfo}: its model name and instruction-set flags. Read without
 * touching ND4J, so that the native build can be chosen before ND4J loads.
 *
 * <pre>{@code
 * CpuInfo cpu = CpuInfo.read();
 * cpu.model();              // "Intel(R) Xeon(R) Processor"
 * cpu.has("avx2");          // true
 * }</pre>
 *
 * @param model the first {@code model name}, or "unknown CPU (arch)" where there is none (not Linux, ARM)
 * @param flags the first {@code flags} line, lower case; empty where there is none
 */
public record CpuInfo(String model, Set<String> flags) {

    public static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

    public CpuInfo {
        flags = Set.copyOf(flags);
    }

    /** This machine's CPU. */
    public static CpuInfo read() {
        return read(PROC_CPUINFO);
    }

    /** A cpuinfo file; an unreadable or absent one gives an unknown CPU without flags (the generic build then). */
    public static CpuInfo read(Path cpuinfo) {
        try {
            return parse(Files.readAllLines(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return parse(List.of());
        }
    }

    /** The lines of a cpuinfo file: the first processor's {@code model name} and {@code flags}. */
    public static CpuInfo parse(List<String> lines) {
        String model = null;
        Set<String> flags = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (model == null && key.equals("model name")) {
                model = value;
            } else if (flags == null && key.equals("flags")) {
                flags = new TreeSet<>(Arrays.asList(value.toLowerCase(Locale.ROOT).split("\\s+")));
                flags.remove("");
            }
            if (model != null && flags != null) {
                break;
            }
        }
        return new CpuInfo(model != null ? model : "unknown CPU (" + System.getProperty("os.arch") + ")",
                flags != null ? flags : Set.of());
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public boolean hasAll(Set<String> required) {
        return flags.containsAll(required);
    }
}
