package io.paretune.kafka.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one JVM), started from Maven artifacts: no
 * Docker, nothing to install. Share groups (KIP-932) are enabled, with record locks allowed up to an hour. Open
 * (PLAINTEXT, no authorizer) unless started with {@link Sasl} settings.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start(Files.createTempDirectory("kafka"), 0)) {
 *     String bootstrap = kafka.bootstrapServers(); // 127.0.0.1:<port>
 * }
 * }</pre>
 * As a program: {@code java -cp ... io.paretune.kafka.local.LocalKafka --port 9092 --dir .paretune/kafka}.
 */
public final class LocalKafka implements AutoCloseable {

    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final boolean deleteOnClose;
    private final Sasl sasl;

    private LocalKafka(KafkaRaftServer server, int port, Path logDir, boolean deleteOnClose, Sasl sasl) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.sasl = sasl;
    }

    /** Starts a broker on a fresh temporary directory that is deleted on {@link #close()}; ports are ephemeral. */
    public static LocalKafka startTemporary() {
        return startTemporary(null);
    }

    /** The same with authentication and ACLs ({@code sasl} null: open). */
    public static LocalKafka startTemporary(Sasl sasl) {
        try {
            return start(Files.createTempDirectory("paretune-kafka-"), 0, true, sasl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker keeping its data in {@code dir} (formatted on first use, reused afterwards).
     *
     * @param port client port on 127.0.0.1; 0 picks a free one
     */
    public static LocalKafka start(Path dir, int port) {
        return start(dir, port, null);
    }

    /** The same with authentication and ACLs ({@code sasl} null: open). */
    public static LocalKafka start(Path dir, int port, Sasl sasl) {
        return start(dir, port, false, sasl);
    }

    private static LocalKafka start(Path dir, int port, boolean deleteOnClose, Sasl sasl) {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Path logDir = dir.toAbsolutePath().resolve("data");
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String listener = sasl == null ? "PLAINTEXT" : "SASL";
        props.put("listeners", listener + "://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", listener + "://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        if (sasl == null) {
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        } else {
            props.putAll(saslProperties(sasl));
        }
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.share.max.record.lock.duration.ms", "3600000");
        // Tests shorten the trainers' record lock (the broker's floor is otherwise 15 s) to outlive it quickly.
        props.put("group.share.min.record.lock.duration.ms", "1000");
        // Workers join the share group anew for every job: a new member gets its assignment with a heartbeat, so
        // the default 5 s interval would add up to 5 s before each job.
        props.put("group.share.min.heartbeat.interval.ms", "500");
        props.put("group.share.heartbeat.interval.ms", "1000");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "true");
        try {
            Files.createDirectories(dir);
            // The controller port changes between runs; format once, then keep the same cluster id.
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(dir, props);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            LocalKafka kafka = new LocalKafka(server, clientPort, dir, deleteOnClose, sasl);
            kafka.awaitReady(Duration.ofSeconds(60));
            if (sasl != null) {
                kafka.addUsersAndAcls();
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Client listener SASL (SCRAM for the users, PLAIN for admin); the controller listener, which clients never
     * need, SASL_PLAINTEXT with PLAIN only: KRaft keeps SCRAM credentials in the metadata log, which the controller
     * listener must already be up to serve. The broker talks to itself and its controller as admin, a super user.
     */
    private static Map<String, String> saslProperties(Sasl sasl) {
        String plain = adminLogin(sasl, true);
        Map<String, String> props = new HashMap<>(Map.of(
                "listener.security.protocol.map", "SASL:" + sasl.securityProtocol() + ",CONTROLLER:SASL_PLAINTEXT",
                "inter.broker.listener.name", "SASL",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "sasl.mechanism.controller.protocol", "PLAIN",
                "listener.name.sasl.sasl.enabled.mechanisms", Sasl.SCRAM_MECHANISM + ",PLAIN",
                "listener.name.sasl.plain.sasl.jaas.config", plain,
                "listener.name.sasl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.controller.sasl.enabled.mechanisms", "PLAIN",
                "listener.name.controller.plain.sasl.jaas.config", plain));
        props.put("authorizer.class.name", AUTHORIZER);
        props.put("super.users", "User:" + Sasl.ADMIN);
        if (sasl.keyStore() != null) {
            props.put("ssl.keystore.type", "PKCS12");
            props.put("ssl.keystore.location", sasl.keyStore().path().toAbsolutePath().toString());
            props.put("ssl.keystore.password", sasl.keyStore().password());
            // The broker checks at start that a client trusting its trust store could connect.
            props.put("ssl.truststore.type", "PKCS12");
            props.put("ssl.truststore.location", sasl.keyStore().path().toAbsolutePath().toString());
            props.put("ssl.truststore.password", sasl.keyStore().password());
        }
        return props;
    }

    /** Admin's SASL/PLAIN login; the broker's own also names admin as the one PLAIN user it accepts. */
    private static String adminLogin(Sasl sasl, boolean broker) {
        String password = quoted(sasl.adminPassword());
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=" + quoted(Sasl.ADMIN)
                + " password=" + password + (broker ? " user_" + Sasl.ADMIN + "=" + password : "") + ";";
    }

    private static String quoted(String value) {
        if (value.contains("\"") || value.contains("\\")) {
            throw new IllegalArgumentException("a SASL user name or password may not contain \" or \\");
        }
        return "\"" + value + "\"";
    }

    /** Sets the users' SCRAM credentials and adds the ACLs, then waits until the broker knows them all. */
    private void addUsersAndAcls() {
        List<UserScramCredentialAlteration> credentials = sasl.userPasswords().entrySet().stream()
                .<UserScramCredentialAlteration>map(e -> new UserScramCredentialUpsertion(e.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), e.getValue()))
                .toList();
        try (Admin admin = Admin.create(adminProperties())) {
            admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(sasl.acls()).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).size() < credentials.size()
                    || admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).size() < sasl.acls().size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not show the SCRAM users and ACLs within 30 s");
                }
                sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot add SCRAM users and ACLs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void format(Path dir, Properties props) throws IOException {
        Path config = dir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "Paretune local Kafka");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc = kafka.tools.StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString(), "--feature", "share.version=1", "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("kafka storage format failed (" + rc + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            Map<String, Object> props = new HashMap<>(adminProperties());
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException("broker not ready: " + e.getMessage(), e);
                sleep(200);
            }
        }
        throw last != null ? last : new IllegalStateException("broker not ready");
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Settings of a client that may do anything: bootstrap servers and, with SASL, super user admin's login. */
    public Map<String, Object> adminProperties() {
        if (sasl == null) {
            return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        }
        Map<String, Object> props = new HashMap<>();
        props.putAll(securityProperties());
        props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        props.put(SaslConfigs.SASL_JAAS_CONFIG, adminLogin(sasl, false));
        return props;
    }

    /**
     * Settings of a client logged in as SCRAM user {@code user} (bootstrap servers included), as the services take
     * them under {@code kafka.}; with TLS the broker's key store is the trust store.
     *
     * @throws IllegalStateException when the broker runs without SASL
     */
    public Map<String, String> clientProperties(String user, String password) {
        if (sasl == null) {
            throw new IllegalStateException("this broker runs without SASL");
        }
        Map<String, String> props = new HashMap<>(securityProperties());
        props.put(SaslConfigs.SASL_MECHANISM, Sasl.SCRAM_MECHANISM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username="
                + quoted(user) + " password=" + quoted(password) + ";");
        return props;
    }

    private Map<String, String> securityProperties() {
        Map<String, String> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, sasl.securityProtocol());
        if (sasl.keyStore() != null) {
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, sasl.keyStore().path().toAbsolutePath().toString());
            props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, sasl.keyStore().password());
        }
        return props;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a temporary directory left behind is harmless.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
