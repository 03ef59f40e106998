package io.streamsuite.kit.query;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Which source topics feed each store, read from the topology description, so a fan-out can ask
 * every instance for exactly the partitions it owns: a partition still restoring then fails loudly
 * (NOT_PRESENT, a 503) instead of being silently left out of an {@code all} answer. Also which
 * sub-topologies (task groups) hold each store, and which stores are global (a full copy on every
 * instance, so answered locally and never fanned out).
 */
final class StoreTopics {

    private final Map<String, Set<String>> topicsByStore;
    private final Map<String, Set<Integer>> subtopologiesByStore;
    private final Set<String> globalStores;
    private final String applicationId;

    private StoreTopics(Map<String, Set<String>> topicsByStore, Map<String, Set<Integer>> subtopologiesByStore,
                        Set<String> globalStores, String applicationId) {
        this.topicsByStore = topicsByStore;
        this.subtopologiesByStore = subtopologiesByStore;
        this.globalStores = globalStores;
        this.applicationId = applicationId;
    }

    static StoreTopics unknown() {
        return new StoreTopics(Map.of(), Map.of(), Set.of(), "");
    }

    boolean isGlobal(String store) {
        return globalStores.contains(store);
    }

    /** The ids of the sub-topologies whose tasks hold the store; empty when unknown. */
    Set<Integer> subtopologies(String store) {
        return subtopologiesByStore.getOrDefault(store, Set.of());
    }

    static StoreTopics of(TopologyDescription description, String applicationId) {
        Map<String, Set<String>> topicsByStore = new HashMap<>();
        Map<String, Set<Integer>> subtopologiesByStore = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            Set<String> stores = new HashSet<>();
            Set<String> topics = new HashSet<>();
            boolean patternSource = false;
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                } else if (node instanceof TopologyDescription.Source source) {
                    if (source.topicSet() == null) {
                        patternSource = true;
                    } else {
                        topics.addAll(source.topicSet());
                    }
                }
            }
            stores.forEach(store -> subtopologiesByStore.computeIfAbsent(store, name -> new HashSet<>()).add(subtopology.id()));
            // A pattern source's topics are only known at run time: leave such stores to all-partition queries.
            if (!patternSource && !topics.isEmpty()) {
                stores.forEach(store -> topicsByStore.put(store, Set.copyOf(topics)));
            }
        }
        Set<String> globalStores = new HashSet<>();
        for (TopologyDescription.GlobalStore global : description.globalStores()) {
            globalStores.addAll(global.processor().stores());
        }
        return new StoreTopics(topicsByStore, subtopologiesByStore, Set.copyOf(globalStores), applicationId);
    }

    /** The store's partitions the given instance holds actively; null when the store's topics are unknown. */
    Set<Integer> activePartitions(String store, StreamsMetadata instance) {
        return partitionsOf(store, instance.topicPartitions());
    }

    /** Of the given source partitions (an instance's active or standby ones), those feeding the store; null when unknown. */
    Set<Integer> partitionsOf(String store, Set<TopicPartition> sourcePartitions) {
        Set<String> topics = topicsByStore.get(store);
        if (topics == null) {
            return null;
        }
        Set<Integer> partitions = new HashSet<>();
        for (TopicPartition partition : sourcePartitions) {
            String topic = partition.topic();
            // Repartition topics appear in the description without the application id prefix.
            if (topics.contains(topic) || topic.startsWith(applicationId + "-")
                    && topics.contains(topic.substring(applicationId.length() + 1))) {
                partitions.add(partition.partition());
            }
        }
        return partitions;
    }
}
