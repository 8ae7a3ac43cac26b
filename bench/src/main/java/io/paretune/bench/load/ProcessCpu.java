package io.paretune.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, from {@code /proc/PID/stat}: what the controller spent per request. */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc} times on Linux (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** User plus system seconds of {@code pid}; -1 when unknown (no such process, not Linux). */
    static double seconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
