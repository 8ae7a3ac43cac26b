package io.paretune.worker.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/** What the machine and this process are, read without starting ND4J (the suite's own process stays light). */
final class MachineFacts {

    private MachineFacts() {
    }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String cpuFlags(String... wanted) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            String flags = lines.filter(l -> l.startsWith("flags")).findFirst().orElse("");
            StringBuilder out = new StringBuilder();
            for (String w : wanted) {
                if ((" " + flags + " ").contains(" " + w + " ")) {
                    out.append(out.length() == 0 ? "" : " ").append(w);
                }
            }
            return out.toString();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code /proc/loadavg}: 1, 5 and 15-minute load, runnable/all tasks, last pid. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** VmHWM of this process in MB: its own peak resident set (heap, off-heap and native libraries). */
    static double peakRssMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0)
                    .map(mb -> EngineRun.round(mb, 1))
                    .findFirst().orElse(Double.NaN);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    static String dl4jVersion() {
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
