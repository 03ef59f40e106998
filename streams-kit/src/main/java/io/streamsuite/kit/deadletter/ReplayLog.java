package io.streamsuite.kit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which dead letters were replayed, kept durably in a compacted topic keyed by
 * {@code <dlq-partition>/<dlq-offset>}, so a refusal survives restarts and holds across instances.
 * <p>
 * A replay remembers before it sends: it first writes a claim, then reads the log back; only the instance whose
 * claim is the first word on that dead letter since it last read the log sends it, then confirms with a mark.
 * So two instances replaying one dead letter at once put it back once, and a crash between claim and send
 * leaves it claimed (replay again with force) rather than sent twice.
 */
final class ReplayLog {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    private static final String CLAIM_PREFIX = "claim ";

    private final String topic;
    private final Supplier<Consumer<byte[], byte[]>> consumers;

    ReplayLog(String topic, Supplier<Consumer<byte[], byte[]>> consumers) {
        this.topic = topic;
        this.consumers = consumers;
    }

    String topic() {
        return topic;
    }

    /** Every replay (or claim) so far, by {@code partition/offset} of the dead letter, and where the log ended. */
    record Snapshot(Map<String, ReplayMark> marks, Map<TopicPartition, Long> ends) {
    }

    /** Every replay so far, by {@code partition/offset} of the dead letter. */
    Map<String, ReplayMark> readAll() {
        return read().marks();
    }

    Snapshot read() {
        Map<String, ReplayMark> marks = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        scan(Map.of(), (record, key) -> {
            if (record.value() == null) {
                marks.remove(key);
            } else {
                marks.put(key, decode(record.value()));
            }
        }, ends);
        return new Snapshot(marks, ends);
    }

    /** Writes this instance's claim on the dead letter; {@link #won} tells whether it was first. */
    RecordMetadata claim(Producer<byte[], byte[]> producer, String entryKey, String claimId, Instant at) {
        return send(producer, entryKey, (CLAIM_PREFIX + claimId + " " + at).getBytes(StandardCharsets.UTF_8),
                "Could not claim " + entryKey + " in " + topic + "; nothing was replayed");
    }

    /** True when our claim is the first record on this dead letter written after the snapshot was read. */
    boolean won(Snapshot before, String entryKey, RecordMetadata claim) {
        byte[] key = entryKey.getBytes(StandardCharsets.UTF_8);
        long[] first = {-1};
        int[] firstPartition = {-1};
        scan(before.ends(), (record, recordKey) -> {
            if (first[0] < 0 && Arrays.equals(record.key(), key)) {
                first[0] = record.offset();
                firstPartition[0] = record.partition();
            }
        }, new HashMap<>());
        return first[0] == claim.offset() && firstPartition[0] == claim.partition();
    }

    void remember(Producer<byte[], byte[]> producer, String entryKey, ReplayMark mark) {
        send(producer, entryKey, mark.encode(), "Replayed " + entryKey + " but could not record it in " + topic
                + "; it shows as claimed, not replayed");
    }

    /** Withdraws our claim after a failed send: back to the earlier mark, or to nothing. */
    void release(Producer<byte[], byte[]> producer, String entryKey, ReplayMark previous) {
        send(producer, entryKey, previous == null ? null : previous.encode(), "Could not withdraw the claim on " + entryKey);
    }

    private RecordMetadata send(Producer<byte[], byte[]> producer, String entryKey, byte[] value, String problem) {
        try {
            return producer.send(new ProducerRecord<>(topic, entryKey.getBytes(StandardCharsets.UTF_8), value))
                    .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw DeadLetterProblem.unavailable(problem, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeadLetterProblem.unavailable("Interrupted while writing the replay log", e);
        }
    }

    private static ReplayMark decode(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.startsWith(CLAIM_PREFIX)) {
            String[] parts = text.split(" ");
            Instant at = parts.length > 2 ? parseInstant(parts[2]) : null;
            return new ReplayMark(at, "claimed, not confirmed (a replay in progress, or one that stopped before sending)");
        }
        return ReplayMark.decode(value);
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private interface Visitor {
        void visit(ConsumerRecord<byte[], byte[]> record, String key);
    }

    /** Reads every keyed record from {@code from} (per partition; the beginning where absent) to the current end. */
    private void scan(Map<TopicPartition, Long> from, Visitor visitor, Map<TopicPartition, Long> endsOut) {
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            endsOut.putAll(end);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (TopicPartition partition : partitions) {
                Long start = from.get(partition);
                if (start != null) {
                    consumer.seek(partition, start);
                }
            }
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw DeadLetterProblem.unavailable("Timed out reading the replay log " + topic, null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.key() != null) {
                        visitor.visit(record, new String(record.key(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
