package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A service's Strimzi KafkaUser ACLs as {@code k8s/} renders them: what the deployment checks compare with the
 * service's declared topics, and what the SASL broker test grants on a real broker.
 */
final class KafkaUserAcls {

    /** One ACL rule as the KafkaUser spells it: resource type, name, pattern type and operations. */
    record Acl(String type, String name, String pattern, Set<String> operations) {

        /** The broker-side bindings Strimzi's User Operator makes of this rule: one per operation, allowed from any host. */
        List<AclBinding> bindings(String principal) {
            ResourcePattern resource = new ResourcePattern(resourceType(type),
                    "cluster".equals(type) ? "kafka-cluster" : name, patternType(pattern));
            return operations.stream().sorted().map(operation -> new AclBinding(resource,
                    new AccessControlEntry(principal, "*", aclOperation(operation), AclPermissionType.ALLOW))).toList();
        }
    }

    private KafkaUserAcls() {
    }

    static List<Acl> of(Manifests k8s, String userName) {
        return acls(user(k8s, userName));
    }

    static GenericKubernetesResource user(Manifests k8s, String name) {
        return k8s.custom("KafkaUser").stream().filter(u -> name.equals(u.getMetadata().getName())).findFirst()
                .orElseGet(() -> fail("no KafkaUser " + name + " in " + k8s.overlay));
    }

    @SuppressWarnings("unchecked")
    static List<Acl> acls(GenericKubernetesResource user) {
        Map<String, Object> authorization = (Map<String, Object>) Manifests.spec(user).get("authorization");
        assertThat(authorization).as("authorization of KafkaUser %s", user.getMetadata().getName())
                .containsEntry("type", "simple");
        return ((List<Map<String, Object>>) authorization.get("acls")).stream().map(acl -> {
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            return new Acl(String.valueOf(resource.get("type")), String.valueOf(resource.get("name")),
                    String.valueOf(resource.getOrDefault("patternType", "literal")),
                    Set.copyOf((List<String>) acl.get("operations")));
        }).toList();
    }

    /** Strimzi's {@code transactionalId} is Kafka's TRANSACTIONAL_ID. */
    static ResourceType resourceType(String strimziType) {
        return switch (strimziType) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> fail("unknown KafkaUser ACL resource type " + strimziType);
        };
    }

    /** Strimzi's {@code prefix} is Kafka's PREFIXED. */
    static PatternType patternType(String strimziPattern) {
        return switch (strimziPattern) {
            case "literal" -> PatternType.LITERAL;
            case "prefix" -> PatternType.PREFIXED;
            default -> fail("unknown KafkaUser ACL pattern type " + strimziPattern);
        };
    }

    /** Strimzi's {@code DescribeConfigs} is Kafka's DESCRIBE_CONFIGS. */
    static AclOperation aclOperation(String strimziOperation) {
        String name = strimziOperation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        AclOperation operation = AclOperation.fromString(name);
        if (operation == AclOperation.UNKNOWN) {
            fail("unknown KafkaUser ACL operation " + strimziOperation);
        }
        return operation;
    }
}
