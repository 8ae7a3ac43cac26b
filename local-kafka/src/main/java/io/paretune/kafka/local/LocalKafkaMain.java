package io.paretune.kafka.local;

import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * A broker that runs until the JVM is told to stop (SIGTERM or Ctrl-C): what {@code ./paretune up} starts.
 *
 * <pre>
 * java -jar local-kafka/target/paretune-local-kafka.jar --port 9092 --dir .paretune/kafka
 * </pre>
 */
@Command(name = "local-kafka", mixinStandardHelpOptions = true,
        description = "A single-node KRaft Kafka broker with share groups, on 127.0.0.1.")
public final class LocalKafkaMain implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092", description = "listener port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".paretune/kafka",
            description = "where the broker keeps its data (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--sasl-passwords", paramLabel = "FILE",
            description = "SASL_PLAINTEXT with the services' ACLs: a properties file with the password of admin "
                    + "(super user, SASL/PLAIN) and of each SCRAM user (controller, worker, evaluator)")
    Path saslPasswords;

    public static void main(String[] args) {
        int status = new CommandLine(new LocalKafkaMain()).execute(args);
        if (status != 0) {
            // Kafka's own threads would keep the JVM alive after a failed start: exit so that callers see it.
            System.exit(status);
        }
    }

    /** Every user of the ACL table needs a password; admin's is the broker's own. */
    static Sasl sasl(Path passwordsFile) {
        Properties passwords = new Properties();
        try (var in = Files.newInputStream(passwordsFile)) {
            passwords.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<AclBinding> acls = ServiceAcls.load();
        Map<String, String> users = new HashMap<>();
        for (String user : ServiceAcls.users(acls)) {
            String password = passwords.getProperty(user);
            if (password == null || password.isBlank()) {
                throw new IllegalArgumentException("no password for " + user + " in " + passwordsFile);
            }
            users.put(user, password);
        }
        String admin = passwords.getProperty(Sasl.ADMIN);
        if (admin == null || admin.isBlank()) {
            throw new IllegalArgumentException("no password for " + Sasl.ADMIN + " in " + passwordsFile);
        }
        return Sasl.of(admin, users, acls);
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalKafka kafka;
        try {
            kafka = LocalKafka.start(dir, port, saslPasswords == null ? null : sasl(saslPasswords));
        } catch (RuntimeException e) {
            System.err.println("Kafka failed to start: " + e.getMessage());
            e.printStackTrace();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        System.out.println("Kafka ready on " + kafka.bootstrapServers() + " (data in " + dir.toAbsolutePath() + ")"
                + (saslPasswords == null ? "" : ", SASL_PLAINTEXT with the services' ACLs"));
        stopped.await();
        return 0;
    }
}
