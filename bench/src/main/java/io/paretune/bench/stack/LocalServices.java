package io.paretune.bench.stack;

import io.paretune.worker.WorkerLaunch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged services of a checkout, started as {@code ./paretune up} starts them (same jars, JVM options and
 * settings, on 127.0.0.1, each on a free port), around one broker process whose data directory survives its
 * restarts. Everything they write goes under one work directory.
 *
 * <pre>{@code
 * LocalServices stack = new LocalServices(LocalServices.findRoot(), workDir);
 * ServiceProcess broker = stack.broker().start().awaitReady(Duration.ofMinutes(1));
 * }</pre>
 */
public final class LocalServices {

    /** Every JVM of the stack refuses Java deserialization, as {@code ./paretune} starts them. */
    public static final String SERIAL_FILTER = "-Djdk.serialFilter=!*";

    private final Path root;
    private final Path work;
    private final int kafkaPort = freePort();

    public LocalServices(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    public Path work() {
        return work;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The KRaft broker of {@code local-kafka}; its log directory is kept, so a restart keeps topics and offsets. */
    public ServiceProcess broker() {
        List<String> command = ServiceProcess.java(List.of("-Xmx512m", SERIAL_FILTER, "-jar",
                requireJar(root.resolve("local-kafka/target/paretune-local-kafka.jar")).toString(),
                "--port", Integer.toString(kafkaPort), "--dir", work.resolve("kafka").toString()));
        return new ServiceProcess("broker", command, Map.of(), log("broker"), ServiceProcess.logSays("Kafka ready on"));
    }

    /**
     * The search-controller of {@code jar} on {@code port} with {@code settings} (system properties) on top of the
     * stack's own: the broker, the data and artifact directories.
     */
    public ServiceProcess controller(Path jar, int port, Map<String, String> settings, Map<String, String> env) {
        Map<String, String> props = new HashMap<>(common());
        props.put("paretune.data.dir", work.resolve("data").toString());
        props.putAll(settings);
        return http("controller", jar, List.of("-Xmx512m"), port, props, env);
    }

    public ServiceProcess evaluator(int port, Map<String, String> settings) {
        Map<String, String> props = new HashMap<>(common());
        props.putAll(models());
        props.put("paretune.evaluator.id", "evaluator-1");
        props.putAll(settings);
        return http("evaluator", jar("evaluator"), List.of("-Xmx1g"), port, props, Map.of("OMP_NUM_THREADS", "1"));
    }

    /** A trainer-worker with the worker's own launch defaults (JVM options, OpenMP threads). */
    public ServiceProcess worker(String id, int port, Map<String, String> settings) {
        WorkerLaunch launch = WorkerLaunch.defaults();
        Map<String, String> props = new HashMap<>(common());
        props.putAll(models());
        props.put("paretune.worker.id", id);
        props.putAll(settings);
        return http(id, jar("trainer-worker"), launch.jvmOptions(), port, props,
                Map.of("OMP_NUM_THREADS", Integer.toString(launch.ompThreads())));
    }

    /** {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public Path jar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path root() {
        return root;
    }

    private ServiceProcess http(String name, Path jar, List<String> jvmOptions, int port, Map<String, String> props,
                                Map<String, String> env) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add(SERIAL_FILTER);
        options.add("-XX:+UseSerialGC");
        props.forEach((k, v) -> options.add("-D" + k + "=" + v));
        options.add("-Dquarkus.http.host=127.0.0.1");
        options.add("-Dquarkus.http.port=" + port);
        options.add("-jar");
        options.add(requireJar(jar).toString());
        return new ServiceProcess(name, ServiceProcess.java(options), env, log(name),
                ServiceProcess.httpReady("http://127.0.0.1:" + port + "/q/health/ready"));
    }

    private Map<String, String> common() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(),
                "paretune.artifacts.dir", work.resolve("artifacts").toString());
    }

    private Map<String, String> models() {
        return Map.of("paretune.dataset.dir",
                System.getenv().getOrDefault("PARETUNE_DATASET_DIR", "/usr/share/datasets/fashion-mnist"));
    }

    private Path log(String name) {
        return work.resolve("logs").resolve(name + ".log");
    }

    private static Path requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./paretune bench builds what it runs)");
        }
        return jar;
    }

    /** Removes {@code dir} and everything under it; what cannot be removed is left, with a line on standard error. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("could not remove " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** A port nobody listens on now, on the loopback address. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout this runs in: the nearest directory up from here with the {@code paretune} script. */
    public static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("paretune"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the Paretune checkout (./paretune bench does)");
        }
        return dir;
    }
}
