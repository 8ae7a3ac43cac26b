package io.paretune.kafka.local;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAclsTest {

    @Test
    void aLineGrantsEveryOperationOnEveryNameToItsUser() {
        var acls = ServiceAcls.parse(List.of("# comment", "", "worker  Read,AlterConfigs  Group  g1 g2"));

        assertThat(acls).hasSize(4).allSatisfy(acl -> {
            assertThat(acl.entry().principal()).isEqualTo("User:worker");
            assertThat(acl.pattern().resourceType()).isEqualTo(ResourceType.GROUP);
        });
        assertThat(acls).extracting(acl -> acl.entry().operation())
                .containsOnly(AclOperation.READ, AclOperation.ALTER_CONFIGS);
        assertThat(ServiceAcls.users(acls)).containsExactly("worker");
    }

    @Test
    void refusesWhatKafkaAclsWouldNotTake() {
        assertThatThrownBy(() -> ServiceAcls.parse(List.of("worker Reed Topic t")))
                .hasMessageContaining("unknown operation Reed");
        assertThatThrownBy(() -> ServiceAcls.parse(List.of("worker Read Cluster kafka-cluster")))
                .hasMessageContaining("Topic or Group");
        assertThatThrownBy(() -> ServiceAcls.parse(List.of("worker Read Topic")))
                .hasMessageContaining("<name>");
    }

    @Test
    void theBrokerProgramNeedsAPasswordForAdminAndEveryUserOfTheTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("passwords");
        Files.writeString(file, "admin=a\ncontroller=c\nworker=w\n");
        assertThatThrownBy(() -> LocalKafkaMain.sasl(file)).hasMessageContaining("no password for evaluator");

        Files.writeString(file, "admin=a\ncontroller=c\nworker=w\nevaluator=e\n");
        Sasl sasl = LocalKafkaMain.sasl(file);
        assertThat(sasl.adminPassword()).isEqualTo("a");
        assertThat(sasl.userPasswords()).containsEntry("evaluator", "e").hasSize(3);
        assertThat(sasl.acls()).isEqualTo(ServiceAcls.load());
        assertThat(sasl.securityProtocol()).isEqualTo("SASL_PLAINTEXT");
    }
}
