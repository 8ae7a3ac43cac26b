package io.paretune.systemtests.e2e;

import io.paretune.kafka.local.LocalKafka;
import io.paretune.kafka.local.Sasl;
import io.paretune.kafka.local.ServiceAcls;

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
 * packaged controller, evaluator and workers as separate processes sharing an artifact directory (or, as on a
 * cluster, an object store).
 */
final class LocalStack implements AutoCloseable {

    /** Record lock of the workers' share group. */
    static final Duration RECORD_LOCK = Duration.ofSeconds(15);
    /** How long a silent attempt takes to be dispatched again; workers send heartbeats every second. */
    static final Duration TRIAL_STALE_AFTER = Duration.ofSeconds(10);

    /** The services' Kafka users and passwords when the broker runs with SASL. */
    static final Map<String, String> KAFKA_PASSWORDS =
            Map.of("controller", "controller-e2e", "worker", "worker-e2e", "evaluator", "evaluator-e2e");

    private final Path root = findRoot();
    private final Path workDir;
    private final LocalKafka kafka;
    private final boolean sasl;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private Map<String, String> objectStore = Map.of();

    /** An open broker, as {@code ./paretune up} starts it. */
    LocalStack() throws IOException {
        this(false);
    }

    /**
     * @param sasl a broker with SASL/SCRAM over TLS and the services' ACL table, each service logged in as its own
     *             user through its {@code kafka.*} settings alone
     */
    LocalStack(boolean sasl) throws IOException {
        workDir = Files.createTempDirectory("paretune-e2e-");
        this.sasl = sasl;
        kafka = sasl
                ? LocalKafka.startTemporary(Sasl.of("admin-e2e", KAFKA_PASSWORDS, ServiceAcls.load())
                        .withKeyStore(Sasl.KeyStore.selfSigned(workDir, "store-e2e")))
                : LocalKafka.startTemporary();
    }

    /** Client settings of Kafka user {@code user} (with SASL) or just the broker's address. */
    Map<String, String> kafkaClient(String user) {
        return sasl ? kafka.clientProperties(user, KAFKA_PASSWORDS.get(user))
                : Map.of("bootstrap.servers", kafka.bootstrapServers());
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    Path logDir() throws IOException {
        return Files.createDirectories(root.resolve("system-tests/target/e2e-logs"));
    }

    /**
     * Makes the services started after this keep their artifacts in S3-compatible storage ({@code settings}: the
     * {@code paretune.artifacts.*} keys), as on a cluster: each service gets a directory of its own for the file store
     * and for staging, which no other service reads.
     */
    LocalStack useObjectStore(Map<String, String> settings) {
        objectStore = Map.copyOf(settings);
        return this;
    }

    /** The directory only {@code service} uses, when the artifacts are in an object store. */
    Path privateDir(String service) {
        return workDir.resolve("private").resolve(service);
    }

    /**
     * Settings of every service: how it reaches the broker (as Kafka user {@code user}), and where artifacts are kept:
     * the directory they share (the controller reads it), or the object store.
     */
    private Map<String, String> common(String user, String service) throws IOException {
        Map<String, String> props = new HashMap<>();
        kafkaClient(user).forEach((key, value) -> props.put("kafka." + key, value));
        if (objectStore.isEmpty()) {
            props.put("paretune.artifacts.dir", workDir.resolve("artifacts").toString());
        } else {
            props.putAll(objectStore);
            props.put("paretune.artifacts.dir", privateDir(service).resolve("artifacts").toString());
            props.put("paretune.artifacts.s3.staging-dir",
                    Files.createDirectories(privateDir(service).resolve("staging")).toString());
        }
        return props;
    }

    ServiceProcess controller(Map<String, String> extra) throws IOException {
        Map<String, String> props = common("controller", "controller");
        props.putAll(Map.of(
                "paretune.data.dir", workDir.resolve("data").toString(),
                "paretune.controller.trial-stale-after", TRIAL_STALE_AFTER.toSeconds() + "s",
                // As ./paretune up runs it: on 127.0.0.1 without keys.
                "paretune.auth.enabled", "false"));
        props.putAll(extra);
        return track(new ServiceProcess("search-controller", jar("search-controller"), freePort(), props, logDir()));
    }

    ServiceProcess evaluator() throws IOException {
        return track(new ServiceProcess("evaluator", jar("evaluator"), freePort(), common("evaluator", "evaluator"),
                logDir()));
    }

    ServiceProcess worker(String id) throws IOException {
        Map<String, String> props = common("worker", id);
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
