package io.streamsuite.simulator.send;

import io.streamsuite.schemas.DomainTopics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the input topics the simulator writes when they are missing; reference-data topics are compacted. */
public final class TopicCreator {

    private TopicCreator() {
    }

    /** Returns the topics it created (existing ones are left as they are). */
    public static List<String> createMissing(Map<String, Object> clientConfig, Collection<String> topics,
                                             int partitions, short replicationFactor) {
        try (Admin admin = Admin.create(clientConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor);
                    Map<String, String> configs = new java.util.HashMap<>(DomainTopics.CONFIGS.getOrDefault(topic, Map.of()));
                    if (DomainTopics.COMPACTED.contains(topic)) {
                        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                    }
                    newTopic.configs(configs);
                    missing.add(newTopic);
                }
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Broker did not answer while creating topics: " + e.getMessage(), e);
        }
    }
}
