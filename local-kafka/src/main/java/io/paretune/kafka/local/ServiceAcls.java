package io.paretune.kafka.local;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The services' Kafka ACLs, read from {@value #RESOURCE}: the one table that both {@link LocalKafka} and the compose
 * stack's init script apply, so that they cannot drift apart.
 *
 * <pre>{@code
 * List<AclBinding> acls = ServiceAcls.load();
 * Set<String> users = ServiceAcls.users(acls); // controller, worker, evaluator
 * }</pre>
 */
public final class ServiceAcls {

    /** Classpath resource (local-kafka/src/main/resources) with one grant a line. */
    public static final String RESOURCE = "paretune-kafka-acls.txt";

    private ServiceAcls() {
    }

    /** The grants of {@value #RESOURCE}. */
    public static List<AclBinding> load() {
        try (InputStream in = ServiceAcls.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Grants from lines {@code <user> <Operation>[,<Operation>...] <Topic|Group> <name>...}; blank lines and
     * {@code #} comments are skipped.
     */
    static List<AclBinding> parse(List<String> lines) {
        List<AclBinding> acls = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length < 4) {
                throw new IllegalArgumentException("expected <user> <operations> <resource type> <name>...: " + line);
            }
            ResourceType type = SecurityUtils.resourceType(fields[2]);
            if (type != ResourceType.TOPIC && type != ResourceType.GROUP) {
                throw new IllegalArgumentException("resource type must be Topic or Group: " + line);
            }
            for (String op : fields[1].split(",")) {
                AclOperation operation = SecurityUtils.operation(op);
                if (operation == AclOperation.UNKNOWN) {
                    throw new IllegalArgumentException("unknown operation " + op + ": " + line);
                }
                for (String name : Arrays.copyOfRange(fields, 3, fields.length)) {
                    acls.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                            new AccessControlEntry("User:" + fields[0], "*", operation, AclPermissionType.ALLOW)));
                }
            }
        }
        return List.copyOf(acls);
    }

    /** The user names the grants are for. */
    public static Set<String> users(List<AclBinding> acls) {
        Set<String> users = new LinkedHashSet<>();
        acls.forEach(acl -> users.add(acl.entry().principal().substring("User:".length())));
        return users;
    }
}
