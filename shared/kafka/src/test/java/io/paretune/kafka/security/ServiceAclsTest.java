package io.paretune.kafka.security;

import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.admin.BrokerSetup;
import io.paretune.kafka.admin.ShareGroupSettings;
import io.paretune.kafka.client.ConsumerSettings;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.local.LocalKafka;
import io.paretune.kafka.local.Sasl;
import io.paretune.kafka.local.ServiceAcls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The services' ACL table on a broker with SASL/SCRAM over TLS: each service, configured only through the
 * {@code kafka.*} keys it is given, can do its own work and is refused the others'.
 */
class ServiceAclsTest {

    private static final Map<String, String> PASSWORDS =
            Map.of("controller", "controller-secret", "worker", "worker-secret", "evaluator", "evaluator-secret");

    @TempDir
    static Path dir;
    private static LocalKafka kafka;

    @BeforeAll
    static void startBroker() {
        Sasl sasl = Sasl.of("admin-secret", PASSWORDS, ServiceAcls.load())
                .withKeyStore(Sasl.KeyStore.selfSigned(dir, "store-secret"));
        kafka = LocalKafka.startTemporary(sasl);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void tableNamesOnlyTheContractsTopicsAndGroups() {
        List<AclBinding> acls = ServiceAcls.load();

        assertThat(names(acls, ResourceType.TOPIC)).isEqualTo(Set.copyOf(Topics.ALL));
        assertThat(names(acls, ResourceType.GROUP)).containsExactlyInAnyOrder(
                Topics.CONTROLLER_GROUP, Topics.TRAINERS_SHARE_GROUP, Topics.EVALUATORS_GROUP);
        assertThat(ServiceAcls.users(acls)).containsExactlyInAnyOrderElementsOf(PASSWORDS.keySet());
    }

    @Test
    void onlyTheControllerWritesJobsAndAWorkerTakesThemThroughItsShareGroup() throws Exception {
        assertRefused(clients("worker"), Topics.TRIAL_JOBS);
        assertRefused(clients("evaluator"), Topics.TRIAL_JOBS);
        assertRefused(clients("worker"), Topics.CAMPAIGN_CONTROL);

        send(clients("controller"), Topics.TRIAL_JOBS, "job-1");

        KafkaClients worker = clients("worker");
        BrokerSetup workerSetup = new BrokerSetup(worker);
        workerSetup.ensureTopics();
        workerSetup.configureShareGroup(Topics.TRAINERS_SHARE_GROUP, new ShareGroupSettings(15_000, 5));
        try (KafkaShareConsumer<byte[], byte[]> consumer = worker.shareConsumer(Topics.TRAINERS_SHARE_GROUP, "w1")) {
            consumer.subscribe(List.of(Topics.TRIAL_JOBS));
            ConsumerRecord<byte[], byte[]> job = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (job == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    job = r;
                    consumer.acknowledge(r, AcknowledgeType.ACCEPT);
                }
            }
            consumer.commitSync();
            assertThat(job).isNotNull();
            assertThat(new String(job.value(), StandardCharsets.UTF_8)).isEqualTo("job-1");
        }
    }

    @Test
    void workersWriteResultsWhichOnlyTheEvaluatorScores() throws Exception {
        send(clients("worker"), Topics.TRIAL_PROGRESS, "progress-1");
        send(clients("worker"), Topics.TRIAL_RESULTS, "result-1");
        assertRefused(clients("worker"), Topics.TRIAL_SCORES);
        assertRefused(clients("controller"), Topics.TRIAL_RESULTS);

        KafkaClients evaluator = clients("evaluator");
        new BrokerSetup(evaluator).ensureTopics();
        try (KafkaConsumer<byte[], byte[]> consumer = evaluator.consumer(ConsumerSettings.inGroup(Topics.EVALUATORS_GROUP))) {
            consumer.subscribe(List.of(Topics.TRIAL_RESULTS));
            boolean read = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!read && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    read |= new String(r.value(), StandardCharsets.UTF_8).equals("result-1");
                }
            }
            consumer.commitSync();
            assertThat(read).isTrue();
        }
        send(evaluator, Topics.TRIAL_SCORES, "score-1");
        send(evaluator, Topics.DEAD_LETTER, "unreadable");
    }

    @Test
    void aWrongPasswordCannotConnect() {
        Map<String, String> properties = kafka.clientProperties("controller", "not-the-password");
        try (Admin admin = new KafkaClients(properties, "test").admin()) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static KafkaClients clients(String user) {
        return new KafkaClients(new HashMap<>(kafka.clientProperties(user, PASSWORDS.get(user))), user);
    }

    private static void send(KafkaClients clients, String topic, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = clients.producer()) {
            producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertRefused(KafkaClients clients, String topic) {
        assertThatThrownBy(() -> send(clients, topic, "forged"))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    private static Set<String> names(List<AclBinding> acls, ResourceType type) {
        return acls.stream().filter(acl -> acl.pattern().resourceType() == type)
                .map(acl -> acl.pattern().name()).collect(Collectors.toSet());
    }
}
