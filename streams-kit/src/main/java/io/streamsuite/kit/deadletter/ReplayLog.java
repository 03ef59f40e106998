package io.streamsuite.kit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.apache.kafka.common.TopicPartition;

/**
 * Which dead letters were replayed, kept durably in a compacted topic keyed by
 * {@code <dlq-partition>/<dlq-offset>}, so a refusal survives restarts and holds across instances.
 */
final class ReplayLog {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final String topic;
    private final Supplier<Consumer<byte[], byte[]>> consumers;

    ReplayLog(String topic, Supplier<Consumer<byte[], byte[]>> consumers) {
        this.topic = topic;
        this.consumers = consumers;
    }

    String topic() {
        return topic;
    }

    /** Every replay so far, by {@code partition/offset} of the dead letter. */
    Map<String, ReplayMark> readAll() {
        Map<String, ReplayMark> marks = new HashMap<>();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return marks;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw DeadLetterProblem.unavailable("Timed out reading the replay log " + topic, null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.key() == null) {
                        continue;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        marks.remove(key);
                    } else {
                        marks.put(key, ReplayMark.decode(record.value()));
                    }
                }
            }
        }
        return marks;
    }

    void remember(Producer<byte[], byte[]> producer, String entryKey, ReplayMark mark) {
        try {
            producer.send(new ProducerRecord<>(topic, entryKey.getBytes(StandardCharsets.UTF_8), mark.encode()))
                    .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw DeadLetterProblem.unavailable("Replayed " + entryKey + " but could not record it in " + topic
                    + "; it may be replayed again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeadLetterProblem.unavailable("Interrupted while recording a replay", e);
        }
    }
}
