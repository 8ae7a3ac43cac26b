package io.paretune.bench;

import io.paretune.ml.backend.CpuInfo;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;

/** What the machine and this process are, read without starting ND4J (a suite's own process stays light). */
public final class MachineFacts {

    private MachineFacts() {
    }

    public static String cpuModel() {
        return CpuInfo.read().model();
    }

    /** Those of {@code wanted} that the CPU has, in the order asked. */
    public static String cpuFlags(String... wanted) {
        CpuInfo cpu = CpuInfo.read();
        return String.join(" ", Arrays.stream(wanted).filter(cpu::has).toList());
    }

    /** {@code /proc/loadavg}: 1, 5 and 15-minute load, runnable/all tasks, last pid. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The machine of a run whose processes share its cores with whatever else ran: its CPU, its cores and the load
     * average before and after, so that a reader can tell a quiet run from a busy one.
     */
    public static java.util.Map<String, Object> sharedMachine(String loadBefore, String loadAfter) {
        java.util.Map<String, Object> machine = new java.util.LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageBefore", loadBefore);
        machine.put("loadAverageAfter", loadAfter);
        return machine;
    }

    /** VmHWM of this process in MB: its own peak resident set (heap, off-heap and native libraries). */
    public static double peakRssMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0)
                    .map(mb -> Stats.round(mb, 1))
                    .findFirst().orElse(Double.NaN);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    public static String dl4jVersion() {
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
