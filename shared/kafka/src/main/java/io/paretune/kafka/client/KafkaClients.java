package io.paretune.kafka.client;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds one service's Kafka clients, all with keys and values as bytes (messages are the contract's JSON; a dead
 * letter passes the original bytes on untouched) and client ids {@code paretune-<service>-<role>}, so that the
 * broker's logs and metrics say who is who.
 *
 * <pre>{@code
 * KafkaClients clients = new KafkaClients("127.0.0.1:9092", "evaluator");
 * try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(ConsumerSettings.inGroup(Topics.EVALUATORS_GROUP))) {
 *     consumer.subscribe(List.of(Topics.TRIAL_RESULTS));
 * }
 * }</pre>
 */
public final class KafkaClients {

    /**
     * How long a producer tries to deliver a record before it gives up: a sender waiting on the broker's
     * acknowledgement needs to wait no longer.
     */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** How long a producer's {@code send} may block (metadata, full buffer): a broker that is down must not hang it. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ADMIN_API_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, String> properties;
    private final String service;

    /** Clients of {@code bootstrapServers} with nothing else configured. */
    public KafkaClients(String bootstrapServers, String service) {
        this(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), service);
    }

    /**
     * @param properties client settings every client starts from, each kind of client taking those it knows
     *                   ({@code bootstrap.servers} among them); the settings this class fixes win over them
     */
    public KafkaClients(Map<String, String> properties, String service) {
        if (!properties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("no " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " among "
                    + properties.keySet());
        }
        this.properties = Map.copyOf(properties);
        this.service = service;
    }

    /** The clients configured by {@code config}'s {@code kafka.*} keys. */
    public static KafkaClients from(KafkaConfig config, String service) {
        Map<String, String> properties = new HashMap<>(config.properties());
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return new KafkaClients(properties, service);
    }

    /**
     * A producer with {@code acks=all} and idempotence (a record the broker acknowledged is stored once, on every
     * replica), no lingering (senders wait for each acknowledgement), and bounded blocking: {@code send} blocks at
     * most 10 s, and a record not delivered within {@link #DELIVERY_TIMEOUT} fails.
     */
    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    Map<String, Object> producerProperties() {
        Map<String, Object> props = common("producer", ProducerConfig.configNames());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(MAX_BLOCK));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(REQUEST_TIMEOUT));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(DELIVERY_TIMEOUT));
        return props;
    }

    /**
     * A consumer that never commits on its own ({@code enable.auto.commit=false}), starts a new group at the earliest
     * offset, and never creates a topic (the services create them, with their settings, before they connect).
     */
    public KafkaConsumer<byte[], byte[]> consumer(ConsumerSettings settings) {
        return new KafkaConsumer<>(consumerProperties(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Map<String, Object> consumerProperties(ConsumerSettings settings) {
        Map<String, Object> props = common(settings.name(), ConsumerConfig.configNames());
        if (settings.group() != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, millis(settings.maxPollInterval()));
        return props;
    }

    /**
     * A member of share group {@code group} that takes one record per poll ({@code max.poll.records=1} with
     * {@code share.acquire.mode=record_limit}, so it holds no other record's lock) and acknowledges each explicitly.
     */
    public KafkaShareConsumer<byte[], byte[]> shareConsumer(String group, String name) {
        Map<String, Object> props = common(name, ConsumerConfig.configNames());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        return new KafkaShareConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An admin client whose calls give up after 15 s. */
    public Admin admin() {
        Map<String, Object> props = common("admin", AdminClientConfig.configNames());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(REQUEST_TIMEOUT));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(ADMIN_API_TIMEOUT));
        return Admin.create(props);
    }

    /**
     * The given settings this kind of client knows (so that nothing unrelated that happens to start with
     * {@code KAFKA_}, such as {@code KAFKA_HEAP_OPTS} or a Kubernetes service link, reaches it), and its client id.
     */
    private Map<String, Object> common(String role, Set<String> known) {
        Map<String, Object> props = new HashMap<>();
        properties.forEach((key, value) -> {
            if (known.contains(key)) {
                props.put(key, value);
            }
        });
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "paretune-" + service + "-" + role);
        return props;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
