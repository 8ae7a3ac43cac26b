package io.paretune.systemtests.deploy;

import io.paretune.kafka.local.LocalKafka;
import io.paretune.kafka.local.Sasl;
import io.paretune.kafka.local.ServiceAcls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose stack's kafka-sasl.sh, run as kafka-init runs it but against a LocalKafka with SASL and no users or
 * ACLs yet, with Kafka's own command-line tools from this test's classpath standing in for the image's.
 */
class KafkaSaslScriptIT {

    @Test
    void initGivesEveryUserOfTheTableItsPasswordAndGrants(@TempDir Path dir) throws Exception {
        Path bin = toolsIn(dir);
        try (LocalKafka kafka = LocalKafka.startTemporary(Sasl.of("admin-secret", Map.of(), List.of()))) {
            Map<String, String> env = new HashMap<>(Map.of("KAFKA_BIN", bin.toString(),
                    "PARETUNE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                    "PARETUNE_KAFKA_ACLS", DeploymentFilesTest.ROOT.resolve(DeploymentFilesTest.KAFKA_ACLS).toString(),
                    "PARETUNE_KAFKA_ADMIN_PASSWORD", "admin-secret"));
            Set<String> users = ServiceAcls.users(ServiceAcls.load());
            users.forEach(user -> env.put("PARETUNE_KAFKA_" + user.toUpperCase() + "_PASSWORD", user + "-secret"));

            assertThat(script(env, "init")).isZero();
            assertThat(script(env, "healthcheck")).isZero();

            try (Admin admin = Admin.create(kafka.adminProperties())) {
                assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get())
                        .containsExactlyInAnyOrderElementsOf(ServiceAcls.load());
                assertThat(admin.describeUserScramCredentials().all().get().keySet())
                        .containsExactlyInAnyOrderElementsOf(users);
            }
            try (Admin worker = Admin.create(new HashMap<>(kafka.clientProperties("worker", "worker-secret")))) {
                assertThat(worker.describeCluster().nodes().get()).hasSize(1);
            }
            env.remove("PARETUNE_KAFKA_EVALUATOR_PASSWORD");
            assertThat(script(env, "init")).as("a missing password stops it").isNotZero();
        }
    }

    /** kafka-configs.sh, kafka-acls.sh and kafka-broker-api-versions.sh, as the image names them. */
    private static Path toolsIn(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Map<String, String> tools = Map.of("kafka-configs.sh", "kafka.admin.ConfigCommand",
                "kafka-acls.sh", "org.apache.kafka.tools.AclCommand",
                "kafka-broker-api-versions.sh", "org.apache.kafka.tools.BrokerApiVersionsCommand");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Map.Entry<String, String> tool : tools.entrySet()) {
            Path script = bin.resolve(tool.getKey());
            Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -Xmx256m -cp '" + System.getProperty("java.class.path")
                    + "' " + tool.getValue() + " \"$@\"\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        return bin;
    }

    private static int script(Map<String, String> env, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh",
                DeploymentFilesTest.ROOT.resolve(DeploymentFilesTest.KAFKA_SASL_SCRIPT).toString(), command)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        System.out.printf("kafka-sasl.sh %s: exit %d%n%s", command, status, output);
        return status;
    }
}
