package io.paretune.kafka.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    public static void main(String[] args) {
        int status = new CommandLine(new LocalKafkaMain()).execute(args);
        if (status != 0) {
            // Kafka's own threads would keep the JVM alive after a failed start: exit so that callers see it.
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalKafka kafka;
        try {
            kafka = LocalKafka.start(dir, port);
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
        System.out.println("Kafka ready on " + kafka.bootstrapServers() + " (data in " + dir.toAbsolutePath() + ")");
        stopped.await();
        return 0;
    }
}
