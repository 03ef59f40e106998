package io.streamsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.DomainTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The topic configs declared once in shared-schemas ({@link DomainTopics#CONFIGS}, e.g. the compaction lag
 * that keeps account profile versions readable) are the ones Compose and Kubernetes give the topics.
 */
class TopicConfigsTest {

    static final java.util.List<String> OVERLAYS = Manifests.OVERLAYS;

    @Test
    void accountProfilesOutliveTheirHistoryRetentionBeforeCompaction() {
        assertThat(DomainTopics.CONFIGS.get(DomainTopics.PAYMENTS_ACCOUNTS))
                .containsEntry("min.compaction.lag.ms", String.valueOf(DomainTopics.PAYMENTS_ACCOUNTS_HISTORY.toMillis()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkaTopicsCarryTheDeclaredConfigs(String overlay) {
        Map<String, Map<String, Object>> topics = KafkaResourcesTest.topics(Manifests.overlay(overlay));
        DomainTopics.CONFIGS.forEach((topic, configs) -> {
            assertThat(topics).as("a KafkaTopic for %s", topic).containsKey(topic);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) topics.get(topic).get("config");
            configs.forEach((key, value) -> assertThat(String.valueOf(config.get(key))).as("%s of %s", key, topic).isEqualTo(value));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeTopicInitAppliesTheDeclaredConfigs() {
        Map<String, Object> compose = new Yaml(new LoaderOptions()).load(Repo.read(Repo.path("docker-compose.yml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get("topics-init")).get("environment");
        Map<String, Map<String, String>> applied = new LinkedHashMap<>();
        for (String spec : String.valueOf(environment.get("TOPIC_CONFIGS")).trim().split("\\s+")) {
            String topic = spec.substring(0, spec.indexOf(':'));
            String[] entry = spec.substring(spec.indexOf(':') + 1).split("=", 2);
            applied.computeIfAbsent(topic, t -> new LinkedHashMap<>()).put(entry[0], entry[1]);
        }

        assertThat(applied).isEqualTo(DomainTopics.CONFIGS);
        assertThat(String.valueOf(environment.get("TOPICS"))).contains(DomainTopics.PAYMENTS_EXCHANGE_RATES + ":");
    }
}
