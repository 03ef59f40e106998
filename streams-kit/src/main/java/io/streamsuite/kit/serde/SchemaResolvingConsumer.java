package io.streamsuite.kit.serde;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * A stream thread's main consumer that hands Streams a partition's records only up to the first one whose writer
 * schema the registry cannot give yet; it seeks the partition back to that record and pauses it for a second.
 * So a registry outage never reaches a deserializer: the stream thread keeps running (its tasks, and so the
 * stores that queries read, stay open; other partitions keep flowing; transactions keep committing), instead of
 * failing, closing its tasks and, under exactly-once, wiping their state. The records are read again when the
 * registry answers: nothing is skipped, and {@link ConsumerRecords#nextOffsets()} points Streams' commit at the
 * held record. Pauses that Streams asks for itself are kept apart from these holds.
 */
public final class SchemaResolvingConsumer implements Consumer<byte[], byte[]> {

    private static final Duration HOLD = Duration.ofSeconds(1);
    /** The most a poll waits for a schema fetch: a new id while the registry is up resolves inside it. */
    private static final Duration POLL_WAIT = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> delegate;
    private final WriterSchemaResolver resolver;
    private final SchemaHolds holds;
    private final Map<TopicPartition, Long> heldUntil = new HashMap<>();
    private final Set<TopicPartition> pausedByStreams = new HashSet<>();
    /** Held partitions from their first hold until their records flow again (a hold pauses for a second only). */
    private final Set<TopicPartition> waiting = new HashSet<>();
    private final Map<String, Framing> framingOfKeys = new HashMap<>();
    private final Map<String, Framing> framingOfValues = new HashMap<>();

    public SchemaResolvingConsumer(Consumer<byte[], byte[]> delegate, SchemaRegistryClient registry, SchemaHolds holds,
                                   String clientId) {
        this.delegate = delegate;
        this.resolver = new WriterSchemaResolver(registry, HOLD, clientId + "-schema-resolver");
        this.holds = holds;
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        releaseDueHolds();
        ConsumerRecords<byte[], byte[]> polled = delegate.poll(timeout);
        if (polled.isEmpty()) {
            return polled;
        }
        long deadline = System.nanoTime() + POLL_WAIT.toNanos();
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> passed = null;
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = null;
        for (TopicPartition partition : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
            int unresolved = firstUnresolved(records, deadline);
            if (unresolved < 0) {
                if (waiting.remove(partition)) {
                    holds.release(partition);
                }
                continue;
            }
            if (passed == null) {
                passed = new HashMap<>();
                for (TopicPartition each : polled.partitions()) {
                    passed.put(each, polled.records(each));
                }
                nextOffsets = new HashMap<>(polled.nextOffsets());
            }
            ConsumerRecord<byte[], byte[]> first = records.get(unresolved);
            OffsetAndMetadata resumeAt = new OffsetAndMetadata(first.offset(), first.leaderEpoch(), "");
            passed.put(partition, records.subList(0, unresolved));
            nextOffsets.put(partition, resumeAt);
            delegate.seek(partition, resumeAt);
            hold(partition);
        }
        if (passed == null) {
            return polled;
        }
        passed.values().removeIf(List::isEmpty);
        return new ConsumerRecords<>(passed, nextOffsets);
    }

    private int firstUnresolved(List<ConsumerRecord<byte[], byte[]>> records, long deadline) {
        if (records.isEmpty() || !registryFramed(records.get(0).topic())) {
            return -1;
        }
        String topic = records.get(0).topic();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            if (waiting(topic, true, record.key(), deadline) || waiting(topic, false, record.value(), deadline)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether these bytes wait for the registry. A side of a topic (keys or values) whose leading zero bytes name
     * mostly ids the registry does not have is taken as not the registry's format (a serde's version byte, say) and
     * not looked up again by this consumer: else every record there would cost a registry round trip. A registry
     * topic names a few ids the registry has, so a little poison among them does not switch its protection off.
     */
    private boolean waiting(String topic, boolean key, byte[] bytes, long deadline) {
        if (bytes == null || bytes.length < 5 || bytes[0] != 0) {
            return false;
        }
        Framing framing = (key ? framingOfKeys : framingOfValues).computeIfAbsent(topic, t -> new Framing());
        if (framing.notTheRegistrys) {
            return false;
        }
        WriterSchemaResolver.Resolution resolution = resolver.resolve(bytes, deadline);
        if (resolution != WriterSchemaResolver.Resolution.WAITING) {
            framing.saw(WriterSchemaResolver.idOf(bytes), resolution == WriterSchemaResolver.Resolution.KNOWN);
        }
        return resolution == WriterSchemaResolver.Resolution.WAITING;
    }

    /** What the ids named on one side of one topic say of its format. */
    private static final class Framing {
        private static final int MAX_IDS = 64;
        private static final int REFUSED_MARGIN = 3;
        private final Set<Integer> found = new HashSet<>();
        private final Set<Integer> refused = new HashSet<>();
        private boolean notTheRegistrys;

        void saw(int id, boolean registryHasIt) {
            Set<Integer> ids = registryHasIt ? found : refused;
            if (ids.size() < MAX_IDS) {
                ids.add(id);
            }
            notTheRegistrys = refused.size() >= found.size() + REFUSED_MARGIN;
        }
    }

    /**
     * A foreign-key join's subscription topics carry Kafka Streams' own wrappers, never the registry's format:
     * their leading zero byte is a version, not a magic byte, so the "schema id" after it would be a new registry
     * lookup for almost every record (seen: recommendation-updater's stock join crawling one held second at a time).
     */
    static boolean registryFramed(String topic) {
        return !(topic.endsWith("-subscription-registration-topic") || topic.endsWith("-subscription-response-topic")
                || topic.contains("-KTABLE-FK-JOIN-SUBSCRIPTION-"));
    }

    private void hold(TopicPartition partition) {
        heldUntil.put(partition, System.nanoTime() + HOLD.toNanos());
        delegate.pause(Set.of(partition));
        waiting.add(partition);
        holds.hold(partition);
    }

    /** Resumes held partitions whose hold is over (unless Streams paused them too); forgets unassigned ones. */
    private void releaseDueHolds() {
        if (waiting.isEmpty()) {
            return;
        }
        Set<TopicPartition> assigned = delegate.assignment();
        pausedByStreams.retainAll(assigned);
        for (Iterator<TopicPartition> it = waiting.iterator(); it.hasNext(); ) {
            TopicPartition partition = it.next();
            if (!assigned.contains(partition)) {
                it.remove();
                holds.release(partition);
            }
        }
        long now = System.nanoTime();
        for (Iterator<Map.Entry<TopicPartition, Long>> it = heldUntil.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Long> hold = it.next();
            TopicPartition partition = hold.getKey();
            if (!assigned.contains(partition) || now - hold.getValue() >= 0) {
                it.remove();
                if (assigned.contains(partition) && !pausedByStreams.contains(partition)) {
                    delegate.resume(Set.of(partition));
                }
            }
        }
    }

    /** Streams moved the partition itself (a reset or a revived task): its hold no longer applies. */
    private void forgetHolds(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            if (waiting.remove(partition)) {
                holds.release(partition);
            }
            if (heldUntil.remove(partition) != null) {
                if (!pausedByStreams.contains(partition)) {
                    delegate.resume(Set.of(partition));
                }
            }
        }
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        pausedByStreams.addAll(partitions);
        delegate.pause(partitions);
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        pausedByStreams.removeAll(partitions);
        List<TopicPartition> free = partitions.stream().filter(p -> !heldUntil.containsKey(p)).toList();
        if (!free.isEmpty()) {
            delegate.resume(free);
        }
    }

    /** What Streams paused, not the holds: Streams must not think it paused a partition it did not. */
    @Override
    public Set<TopicPartition> paused() {
        Set<TopicPartition> paused = new HashSet<>(delegate.paused());
        paused.removeIf(p -> heldUntil.containsKey(p) && !pausedByStreams.contains(p));
        return paused;
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        forgetHolds(Set.of(partition));
        delegate.seek(partition, offset);
    }

    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        forgetHolds(Set.of(partition));
        delegate.seek(partition, offsetAndMetadata);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        forgetHolds(partitions);
        delegate.seekToBeginning(partitions);
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        forgetHolds(partitions);
        delegate.seekToEnd(partitions);
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            closeHolds();
        }
    }

    @Override
    public void close(Duration timeout) {
        try {
            delegate.close(timeout);
        } finally {
            closeHolds();
        }
    }

    @Override
    public void close(CloseOptions option) {
        try {
            delegate.close(option);
        } finally {
            closeHolds();
        }
    }

    private void closeHolds() {
        waiting.forEach(holds::release);
        waiting.clear();
        heldUntil.clear();
        resolver.close();
    }

    // Everything below is the delegate's.

    @Override
    public Set<TopicPartition> assignment() {
        return delegate.assignment();
    }

    @Override
    public Set<String> subscription() {
        return delegate.subscription();
    }

    @Override
    public void subscribe(Collection<String> topics) {
        delegate.subscribe(topics);
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener callback) {
        delegate.subscribe(topics, callback);
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        delegate.assign(partitions);
    }

    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener callback) {
        delegate.subscribe(pattern, callback);
    }

    @Override
    public void subscribe(Pattern pattern) {
        delegate.subscribe(pattern);
    }

    @Override
    public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener callback) {
        delegate.subscribe(pattern, callback);
    }

    @Override
    public void subscribe(SubscriptionPattern pattern) {
        delegate.subscribe(pattern);
    }

    @Override
    public void unsubscribe() {
        delegate.unsubscribe();
    }

    @Override
    public void commitSync() {
        delegate.commitSync();
    }

    @Override
    public void commitSync(Duration timeout) {
        delegate.commitSync(timeout);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        delegate.commitSync(offsets);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        delegate.commitSync(offsets, timeout);
    }

    @Override
    public void commitAsync() {
        delegate.commitAsync();
    }

    @Override
    public void commitAsync(OffsetCommitCallback callback) {
        delegate.commitAsync(callback);
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        delegate.commitAsync(offsets, callback);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        delegate.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        delegate.unregisterMetricFromSubscription(metric);
    }

    @Override
    public long position(TopicPartition partition) {
        return delegate.position(partition);
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        return delegate.position(partition, timeout);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return delegate.committed(partitions);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        return delegate.committed(partitions, timeout);
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return delegate.clientInstanceId(timeout);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return delegate.metrics();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return delegate.partitionsFor(topic);
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        return delegate.partitionsFor(topic, timeout);
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics() {
        return delegate.listTopics();
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
        return delegate.listTopics(timeout);
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
        return delegate.offsetsForTimes(timestampsToSearch);
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch,
                                                                   Duration timeout) {
        return delegate.offsetsForTimes(timestampsToSearch, timeout);
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return delegate.beginningOffsets(partitions);
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return delegate.beginningOffsets(partitions, timeout);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return delegate.endOffsets(partitions);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return delegate.endOffsets(partitions, timeout);
    }

    @Override
    public OptionalLong currentLag(TopicPartition partition) {
        return delegate.currentLag(partition);
    }

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        return delegate.groupMetadata();
    }

    @Override
    public void enforceRebalance() {
        delegate.enforceRebalance();
    }

    @Override
    public void enforceRebalance(String reason) {
        delegate.enforceRebalance(reason);
    }

    @Override
    public void wakeup() {
        delegate.wakeup();
    }
}
