package io.paretune.systemtests.e2e;

import io.paretune.kafka.local.LocalKafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline on one machine, as {@code ./paretune up} runs it: a real KRaft broker in the test JVM and the
 * packaged controller, evaluator and workers as separate processes sharing an artifact directory.
 */
final class LocalStack implements AutoCloseable {

    /** Record lock of the workers' share group. */
    static final Duration RECORD_LOCK = Duration.ofSeconds(15);
    /** How long a silent attempt takes to be dispatched again; workers send heartbeats every second. */
    static final Duration TRIAL_STALE_AFTER = Duration.ofSeconds(10);

    private final Path root = findRoot();
    private final Path workDir;
    private final LocalKafka kafka;
    private final List<ServiceProcess> processes = new ArrayList<>();

    LocalStack() throws IOException {
        workDir = Files.createTempDirectory("paretune-e2e-");
        kafka = LocalKafka.startTemporary();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    Path logDir() throws IOException {
        return Files.createDirectories(root.resolve("system-tests/target/e2e-logs"));
    }

    /** Settings of every service: the broker, and the artifact directory they share (the controller reads it). */
    private Map<String, String> common() {
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "paretune.artifacts.dir", workDir.resolve("artifacts").toString());
    }

    ServiceProcess controller(Map<String, String> extra) throws IOException {
        Map<String, String> props = new HashMap<>(common());
        props.putAll(Map.of(
                "paretune.data.dir", workDir.resolve("data").toString(),
                "paretune.controller.trial-stale-after", TRIAL_STALE_AFTER.toSeconds() + "s",
                // As ./paretune up runs it: on 127.0.0.1 without keys.
                "paretune.auth.enabled", "false"));
        props.putAll(extra);
        return track(new ServiceProcess("search-controller", jar("search-controller"), freePort(), props, logDir()));
    }

    ServiceProcess evaluator() throws IOException {
        return track(new ServiceProcess("evaluator", jar("evaluator"), freePort(), common(), logDir()));
    }

    ServiceProcess worker(String id) throws IOException {
        Map<String, String> props = new HashMap<>(common());
        props.put("paretune.worker.id", id);
        // A lock that a long job outlives, which proves the job is not handed to another worker when it runs out.
        props.put("paretune.worker.record-lock-duration-ms", Long.toString(RECORD_LOCK.toMillis()));
        props.put("paretune.worker.heartbeat-interval-ms", "1000");
        return track(new ServiceProcess(id, jar("trainer-worker"), freePort(), props, logDir()));
    }

    private ServiceProcess track(ServiceProcess process) {
        processes.add(process);
        return process;
    }

    private Path jar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    Path root() {
        return root;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess p : processes) {
            p.close();
        }
        kafka.close();
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the Paretune checkout");
        }
        return dir;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
