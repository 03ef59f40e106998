package io.streamsuite.kit.query;

import io.streamsuite.kit.serde.AvroSerdes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a query goes: which instances hold a key's copies (the active first, then its standbys) and
 * which instances hold which partitions for a fan-out. Streams must be RUNNING or REBALANCING: during
 * a rebalance the copies still open keep answering.
 */
final class QueryRouter {

    private static final Logger log = LoggerFactory.getLogger(QueryRouter.class);

    private final Supplier<Optional<KafkaStreams>> streams;
    private final Supplier<String> applicationServer;
    private final AvroSerdes serdes;
    private final Supplier<StoreTopics> storeTopics;
    private final QueryProperties properties;
    private final Map<String, Serializer<Object>> serializers = new ConcurrentHashMap<>();

    /** The instances holding one key's partition, in the order to ask them. */
    record KeyCopies(int partition, List<HostInfo> hosts) {
    }

    /** One instance of a fan-out and the partitions it is asked for (null: whatever it holds actively). */
    record Target(HostInfo host, Set<Integer> partitions) {
    }

    QueryRouter(Supplier<Optional<KafkaStreams>> streams, Supplier<String> applicationServer, AvroSerdes serdes,
                Supplier<StoreTopics> storeTopics, QueryProperties properties) {
        this.streams = streams;
        this.applicationServer = applicationServer;
        this.serdes = serdes;
        this.storeTopics = storeTopics;
        this.properties = properties;
    }

    /** This instance's Kafka Streams, if its stores can be read (RUNNING or REBALANCING). */
    KafkaStreams open() {
        KafkaStreams current = streams.get()
                .orElseThrow(() -> unavailable("Kafka Streams has not started yet"));
        KafkaStreams.State state = current.state();
        if (!state.isRunningOrRebalancing()) {
            throw unavailable("Kafka Streams is " + state + ", not RUNNING or REBALANCING");
        }
        return current;
    }

    boolean isGlobal(QueryableStore store) {
        return storeTopics.get().isGlobal(store.name());
    }

    /** The key's partition and the instances with a copy of it: the active first, then the standbys. */
    KeyCopies copiesOf(KafkaStreams running, QueryableStore store, Object key, RoutingKey routing) {
        KeyQueryMetadata metadata;
        try {
            metadata = routing == null
                    ? running.queryMetadataForKey(store.name(), key, serializer(store))
                    : running.queryMetadataForKey(store.name(), key, routing.partitioner());
        } catch (InvalidStateStoreException | IllegalStateException e) {
            log.debug("No metadata for a key of store '{}': {}", store.name(), e.toString());
            throw unavailable(running, "the instances holding the key of store '" + store.name() + "' are not known now");
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw unavailable(running, "no instance holds the key of store '" + store.name() + "' now");
        }
        Set<HostInfo> hosts = new LinkedHashSet<>();
        if (metadata.activeHost() != null && !HostInfo.unavailable().equals(metadata.activeHost())) {
            hosts.add(metadata.activeHost());
        }
        if (!store.isActiveCopyOnly()) {
            hosts.addAll(metadata.standbyHosts());
        }
        if (hosts.isEmpty()) {
            throw unavailable(running, "no instance holds the key of store '" + store.name() + "' now");
        }
        return new KeyCopies(metadata.partition(), List.copyOf(hosts));
    }

    /**
     * Every instance with active partitions of the store and the partitions to ask it for. A partition
     * whose topics are unknown (a pattern source) leaves the choice to each instance.
     */
    List<Target> activeTargets(KafkaStreams running, QueryableStore store) {
        Collection<StreamsMetadata> instances = running.streamsMetadataForStore(store.name());
        if (instances.isEmpty()) {
            throw unavailable(running, "no instance holds store '" + store.name() + "' yet");
        }
        List<Target> targets = new ArrayList<>();
        for (StreamsMetadata instance : instances) {
            Set<Integer> owned = storeTopics.get().activePartitions(store.name(), instance);
            if (owned == null || !owned.isEmpty()) {
                targets.add(new Target(instance.hostInfo(), owned == null ? null : new TreeSet<>(owned)));
            }
        }
        return targets;
    }

    /**
     * For partitions whose active instance did not answer: the instances with a standby of them, each
     * asked for the partitions it holds, every partition at most once. Partitions no standby holds are left out.
     */
    List<Target> standbyTargets(KafkaStreams running, QueryableStore store, Set<Integer> partitions, HostInfo failed) {
        if (store.isActiveCopyOnly()) {
            return List.of();
        }
        Map<HostInfo, Set<Integer>> byHost = new LinkedHashMap<>();
        Set<Integer> placed = new TreeSet<>();
        for (StreamsMetadata instance : running.streamsMetadataForStore(store.name())) {
            if (instance.hostInfo().equals(failed)) {
                continue;
            }
            for (int partition : standbyPartitions(store, instance)) {
                if (partitions.contains(partition) && placed.add(partition)) {
                    byHost.computeIfAbsent(instance.hostInfo(), host -> new TreeSet<>()).add(partition);
                }
            }
        }
        return byHost.entrySet().stream().map(entry -> new Target(entry.getKey(), entry.getValue())).toList();
    }

    boolean isSelf(HostInfo host) {
        return self().equals(host);
    }

    HostInfo self() {
        return HostInfo.buildFromEndpoint(applicationServer.get());
    }

    String selfEndpoint() {
        return applicationServer.get();
    }

    private Set<Integer> standbyPartitions(QueryableStore store, StreamsMetadata instance) {
        Set<Integer> partitions = storeTopics.get().partitionsOf(store.name(), instance.standbyTopicPartitions());
        if (partitions != null) {
            return partitions;
        }
        Set<Integer> all = new TreeSet<>();
        instance.standbyTopicPartitions().forEach(partition -> all.add(partition.partition()));
        return all;
    }

    private Serializer<Object> serializer(QueryableStore store) {
        return serializers.computeIfAbsent(store.name(), name -> StoreQueryService.keys(store).serializer(serdes));
    }

    StoreUnavailableException unavailable(String message) {
        return new StoreUnavailableException(message, properties.getRetryAfter());
    }

    /** Names this instance's state when it is not RUNNING: the likely reason nothing answered. */
    StoreUnavailableException unavailable(KafkaStreams running, String message) {
        KafkaStreams.State state = running.state();
        return unavailable(state == KafkaStreams.State.RUNNING ? message
                : message + " (Kafka Streams here is " + state + ", not RUNNING)");
    }
}
