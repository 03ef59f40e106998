package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.streamsuite.deployment.KafkaUserAcls.Acl;
import io.streamsuite.kit.config.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Strimzi KafkaTopics and KafkaUser ACLs against the topic names and application id the services declare. */
class KafkaResourcesTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceHasAUserWithItsGroupTransactionalIdsAndInternalTopics(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            String appId = service.applicationId();
            List<Acl> acls = KafkaUserAcls.of(k8s, set.getMetadata().getName());

            assertThat(acls).contains(
                    new Acl("group", appId, "literal", Set.of("Read", "Describe")),
                    new Acl("transactionalId", appId, "prefix", Set.of("Write", "Describe")),
                    new Acl("topic", appId + "-", "prefix", Set.of("All")));
            assertThat(acls).as("the only prefixed or cluster-wide grants are the app's own")
                    .filteredOn(a -> !"literal".equals(a.pattern()) || "cluster".equals(a.type()))
                    .allSatisfy(a -> assertThat(a.name()).startsWith(appId));
            assertThat(acls).filteredOn(a -> a.name().equals("*")).isEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void aclTopicsAreTheServicesOwnDeclaredTopicsAndEachHasAKafkaTopic(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        Set<String> kafkaTopics = topics(k8s).keySet();
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            List<Acl> topicAcls = KafkaUserAcls.of(k8s, set.getMetadata().getName()).stream()
                    .filter(a -> a.type().equals("topic") && a.pattern().equals("literal")).toList();

            assertThat(topicAcls).isNotEmpty().allSatisfy(acl -> {
                assertThat(service.declares(acl.name())).as("topic %s is a constant or config value of %s",
                        acl.name(), service.module).isTrue();
                assertThat(kafkaTopics).as("a KafkaTopic for %s", acl.name()).contains(acl.name());
            });
            assertThat(topicAcls).as("reads some input").anyMatch(a -> a.operations().contains("Read")
                    && !a.name().equals(service.deadLetterTopic()));
            assertThat(topicAcls).as("writes its dead letters and reads them back for browsing")
                    .anySatisfy(a -> {
                        assertThat(a.name()).isEqualTo(service.deadLetterTopic());
                        assertThat(a.operations()).contains("Write", "Read");
                    });
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyKafkaTopicIsADeclaredNameWithAKnownCleanupPolicy(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        Set<String> declared = new java.util.HashSet<>(ServiceConfig.declaredAnywhere());
        k8s.services().forEach(s -> DeclaredTopics.of(ServiceConfig.of(s.getMetadata().getName()))
                .forEach(spec -> declared.add(spec.name())));
        for (var entry : topics(k8s).entrySet()) {
            Map<String, Object> spec = entry.getValue();
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.getOrDefault("config", Map.of());

            assertThat(declared).as("topic %s is declared by some module", entry.getKey()).contains(entry.getKey());
            assertThat(config.get("cleanup.policy")).as("cleanup.policy of %s", entry.getKey())
                    .isIn("delete", "compact");
            assertThat((Integer) spec.get("partitions")).isPositive();
        }
        for (StatefulSet set : k8s.services()) {
            assertThat(topics(k8s)).as("dead-letter topic of %s", set.getMetadata().getName())
                    .containsKey(ServiceConfig.of(set.getMetadata().getName()).deadLetterTopic());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyTopicTheServiceDeclaresHasAKafkaTopicWithItsPolicyAndAnAclForWhatTheServiceDoesWithIt(String overlay) {
        Manifests k8s = Manifests.overlay(overlay);
        Map<String, Map<String, Object>> kafkaTopics = topics(k8s);
        for (StatefulSet set : k8s.services()) {
            ServiceConfig service = ServiceConfig.of(set.getMetadata().getName());
            List<Acl> acls = KafkaUserAcls.of(k8s, set.getMetadata().getName());
            List<TopicSpec> declared = DeclaredTopics.of(service);
            assertThat(declared).as("%s declares its topics", service.module)
                    .extracting(TopicSpec::role).contains(TopicSpec.Role.INPUT, TopicSpec.Role.DEAD_LETTER, TopicSpec.Role.INTERNAL);

            for (TopicSpec topic : declared) {
                Map<String, Object> spec = kafkaTopics.get(topic.name());
                assertThat(spec).as("a KafkaTopic for %s topic %s of %s in %s", topic.role(), topic.name(),
                        service.module, overlay).isNotNull();
                @SuppressWarnings("unchecked")
                Map<String, Object> config = (Map<String, Object>) spec.getOrDefault("config", Map.of());
                topic.configs().forEach((key, value) -> assertThat(String.valueOf(config.get(key)))
                        .as("%s of KafkaTopic %s, as %s declares it", key, topic.name(), service.module).isEqualTo(value));
                if (topic.partitions() != null) {
                    assertThat(spec.get("partitions")).as("partitions of KafkaTopic %s", topic.name())
                            .isEqualTo(topic.partitions());
                }
                assertThat(granted(acls, topic.name())).as("operations granted to %s on %s in %s", service.module,
                        topic.name(), overlay).containsAll(neededOperations(topic.role()));
            }
        }
    }

    /**
     * What the service does with a topic of this role: Streams reads inputs, the replay writes them back; the kit
     * reads every declared topic's limits at start (DescribeConfigs, streams-kit config.TopicLimits).
     */
    static Set<String> neededOperations(TopicSpec.Role role) {
        return switch (role) {
            case INPUT, DEAD_LETTER, INTERNAL -> Set.of("Read", "Write", "Describe", "DescribeConfigs");
            case OUTPUT -> Set.of("Write", "Describe", "DescribeConfigs");
        };
    }

    /** Operations the user's topic ACLs grant on this topic, literal or by prefix ("All" stands for all of them). */
    static Set<String> granted(List<Acl> acls, String topic) {
        Set<String> operations = new java.util.HashSet<>();
        for (Acl acl : acls) {
            boolean covers = acl.type().equals("topic") && ("prefix".equals(acl.pattern())
                    ? topic.startsWith(acl.name()) : topic.equals(acl.name()));
            if (covers) {
                operations.addAll(acl.operations().contains("All") ? Set.of("Read", "Write", "Describe", "DescribeConfigs")
                        : acl.operations());
            }
        }
        return operations;
    }

    /** Topic name to KafkaTopic spec; the name is spec.topicName (or metadata.name). */
    static Map<String, Map<String, Object>> topics(Manifests k8s) {
        return k8s.custom("KafkaTopic").stream().collect(Collectors.toMap(
                t -> String.valueOf(Manifests.spec(t).getOrDefault("topicName", t.getMetadata().getName())),
                Manifests::spec));
    }
}
