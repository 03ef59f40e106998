package io.streamsuite.kit.deadletter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the dead-letter topic backwards with a short-lived, group-less, read_committed consumer.
 * Each partition is read newest first; partitions are merged by failure time, so every page takes a
 * contiguous run from each partition and the per-partition cursor never skips a record.
 */
final class DeadLetterTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final String topic;
    private final Supplier<Consumer<byte[], byte[]>> consumers;

    DeadLetterTopicReader(String topic, Supplier<Consumer<byte[], byte[]>> consumers) {
        this.topic = topic;
        this.consumers = consumers;
    }

    String topic() {
        return topic;
    }

    /** The newest {@code limit} dead letters older than the cursor, and the cursor for the page after them. */
    Batch newest(PageCursor cursor, int limit) {
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<Integer, Long> next = new HashMap<>();
            Map<Integer, Deque<ConsumerRecord<byte[], byte[]>>> newestFirst = new HashMap<>();
            // True when the queue holds every record left below the cursor, so taking them all drains the partition.
            Map<Integer, Boolean> complete = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long first = begin.get(partition);
                long upper = end.get(partition);
                if (cursor != null) {
                    Long before = cursor.before().get(partition.partition());
                    upper = before == null ? first : Math.min(before, upper);
                }
                next.put(partition.partition(), upper);
                List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
                long from = readNewest(consumer, partition, first, upper, limit, records);
                complete.put(partition.partition(), from <= first && records.size() <= limit);
                Collections.reverse(records);
                newestFirst.put(partition.partition(), new ArrayDeque<>(records.subList(0, Math.min(limit, records.size()))));
            }
            List<ConsumerRecord<byte[], byte[]>> page = merge(newestFirst, limit);
            for (ConsumerRecord<byte[], byte[]> record : page) {
                next.merge(record.partition(), record.offset(), Math::min);
            }
            boolean more = false;
            for (TopicPartition partition : partitions) {
                int p = partition.partition();
                boolean drained = newestFirst.get(p).isEmpty() && complete.get(p);
                if (drained) {
                    next.put(p, begin.get(partition));
                }
                more |= next.get(p) > begin.get(partition);
            }
            return new Batch(page, more ? new PageCursor(next) : null);
        }
    }

    /** The record at exactly this position, if it exists and was committed. */
    Optional<ConsumerRecord<byte[], byte[]>> read(int partition, long offset) {
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            if (partitions(consumer).stream().noneMatch(topicPartition::equals)) {
                return Optional.empty();
            }
            long first = consumer.beginningOffsets(List.of(topicPartition)).get(topicPartition);
            long end = consumer.endOffsets(List.of(topicPartition)).get(topicPartition);
            if (offset < first || offset >= end) {
                return Optional.empty();
            }
            List<ConsumerRecord<byte[], byte[]>> records = readRange(consumer, topicPartition, offset, offset + 1);
            return records.stream().filter(record -> record.offset() == offset).findFirst();
        }
    }

    private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /**
     * Collects (ascending) at least {@code limit} records below {@code upper}, reading further back in
     * growing steps because aborted transactions and commit markers take offsets too.
     * Returns the lowest offset read from.
     */
    private static long readNewest(Consumer<byte[], byte[]> consumer, TopicPartition partition, long first,
                                   long upper, int limit, List<ConsumerRecord<byte[], byte[]>> into) {
        long high = upper;
        long window = limit;
        while (high > first) {
            long from = Math.max(first, high - window);
            List<ConsumerRecord<byte[], byte[]>> older = readRange(consumer, partition, from, high);
            into.addAll(0, older);
            high = from;
            if (into.size() >= limit) {
                break;
            }
            window = Math.min(window * 2, 1_000_000);
        }
        return high;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readRange(Consumer<byte[], byte[]> consumer,
                                                                  TopicPartition partition, long from, long upper) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < upper) {
            if (System.nanoTime() > deadline) {
                throw DeadLetterProblem.unavailable("Timed out reading " + partition + " from offset " + from, null);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                if (record.offset() < upper) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static List<ConsumerRecord<byte[], byte[]>> merge(Map<Integer, Deque<ConsumerRecord<byte[], byte[]>>> newestFirst,
                                                              int limit) {
        PriorityQueue<Deque<ConsumerRecord<byte[], byte[]>>> heads = new PriorityQueue<>((a, b) -> {
            int byTime = Long.compare(failedAt(b.peekFirst()), failedAt(a.peekFirst()));
            return byTime != 0 ? byTime : Integer.compare(a.peekFirst().partition(), b.peekFirst().partition());
        });
        newestFirst.values().stream().filter(queue -> !queue.isEmpty()).forEach(heads::add);
        List<ConsumerRecord<byte[], byte[]>> page = new ArrayList<>();
        while (page.size() < limit && !heads.isEmpty()) {
            Deque<ConsumerRecord<byte[], byte[]>> head = heads.poll();
            page.add(head.pollFirst());
            if (!head.isEmpty()) {
                heads.add(head);
            }
        }
        return page;
    }

    static long failedAt(ConsumerRecord<byte[], byte[]> record) {
        String failedAt = DeadLetterHeader.FAILED_AT.read(record.headers());
        if (failedAt != null) {
            try {
                return Long.parseLong(failedAt);
            } catch (NumberFormatException e) {
                return record.timestamp();
            }
        }
        return record.timestamp();
    }

    record Batch(List<ConsumerRecord<byte[], byte[]>> records, PageCursor next) {
    }
}
