package io.paretune.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * How a worker process is started unless its operator says otherwise ({@code launch.properties} beside this class):
 * its JVM options and OpenMP threads, which must be set before the JVM starts. Read by whatever starts workers, or
 * measures them as users run them.
 *
 * <pre>{@code
 * WorkerLaunch launch = WorkerLaunch.defaults();
 * List<String> command = new ArrayList<>(List.of("java"));
 * command.addAll(launch.jvmOptions());
 * processBuilder.environment().put("OMP_NUM_THREADS", String.valueOf(launch.ompThreads()));
 * }</pre>
 */
public record WorkerLaunch(List<String> jvmOptions, int ompThreads) {

    public WorkerLaunch {
        jvmOptions = List.copyOf(jvmOptions);
    }

    public static WorkerLaunch defaults() {
        Properties p = new Properties();
        try (InputStream in = WorkerLaunch.class.getResourceAsStream("launch.properties")) {
            if (in == null) {
                throw new IllegalStateException("launch.properties is missing beside " + WorkerLaunch.class.getName());
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WorkerLaunch(List.of(p.getProperty("jvm-options").trim().split("\\s+")),
                Integer.parseInt(p.getProperty("omp-num-threads").trim()));
    }
}
