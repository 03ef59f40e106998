package io.streamsuite.kit.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecordFlowInterceptorsTest {

    private static final TopicPartition INPUT_0 = new TopicPartition("orders", 0);
    private static final TopicPartition INPUT_1 = new TopicPartition("orders", 1);
    private static final TopicPartition REPARTITION = new TopicPartition("app-by-customer-repartition", 0);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordFlow flow = new RecordFlow("app", "app.dlq", registry);
    private final RecordFlowInterceptors.Incoming incoming = new RecordFlowInterceptors.Incoming();

    @Test
    void recordsPolledAgainAfterASeekBackAreCountedOnce() {
        incoming.configure(Map.of(RecordFlowInterceptors.FLOW_CONFIG, flow));

        incoming.onConsume(records(Map.of(INPUT_0, range(0, 5), INPUT_1, range(0, 2))));
        // The schema-resolving consumer held offset 3 of partition 0 and seeked back to it.
        incoming.onConsume(records(Map.of(INPUT_0, range(3, 8))));
        // A task aborted under exactly-once rereads from its last commit, offset 0.
        incoming.onConsume(records(Map.of(INPUT_1, range(0, 4))));

        assertThat(flow.recordsIn()).isEqualTo(8 + 4);
    }

    @Test
    void internalTopicsAreNotCounted() {
        incoming.configure(Map.of(RecordFlowInterceptors.FLOW_CONFIG, flow));

        incoming.onConsume(records(Map.of(INPUT_0, range(10, 13), REPARTITION, range(0, 50))));

        assertThat(flow.recordsIn()).isEqualTo(3);
    }

    @Test
    void everyRecordSentIsCountedAndABurstIsTimedInSample() {
        RecordFlowInterceptors.Outgoing outgoing = new RecordFlowInterceptors.Outgoing();
        outgoing.configure(Map.of(RecordFlowInterceptors.FLOW_CONFIG, flow));
        long sentAt = System.currentTimeMillis();

        for (int i = 0; i < 800; i++) {
            outgoing.onSend(new ProducerRecord<>("orders.scored", null, sentAt, "k", "v"));
        }
        outgoing.onSend(new ProducerRecord<>("app-store-changelog", null, sentAt, "k", "v"));
        outgoing.onSend(new ProducerRecord<>("app.dlq", null, sentAt, "k", "v"));

        assertThat(flow.recordsOut()).isEqualTo(800);
        // One in eight, give or take the records sent after a pause of the test thread (each timed, too).
        long timed = registry.get(RecordFlow.E2E_LATENCY).timer().count();
        assertThat(timed).isBetween(100L, 800L / 2);
    }

    @Test
    void aSlowFlowIsTimedInFull() throws InterruptedException {
        RecordFlowInterceptors.Outgoing outgoing = new RecordFlowInterceptors.Outgoing();
        outgoing.configure(Map.of(RecordFlowInterceptors.FLOW_CONFIG, flow));

        for (int i = 0; i < 3; i++) {
            outgoing.onSend(new ProducerRecord<>("orders.scored", null, System.currentTimeMillis(), "k", "v"));
            Thread.sleep(RecordFlowInterceptors.Outgoing.LATENCY_SAMPLE_GAP_MS + 20);
        }

        assertThat(registry.get(RecordFlow.E2E_LATENCY).timer().count()).isEqualTo(3);
    }

    private static List<Long> range(long from, long toExclusive) {
        List<Long> offsets = new ArrayList<>();
        for (long offset = from; offset < toExclusive; offset++) {
            offsets.add(offset);
        }
        return offsets;
    }

    private static ConsumerRecords<Object, Object> records(Map<TopicPartition, List<Long>> offsets) {
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> records = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        offsets.forEach((partition, list) -> {
            records.put(partition, list.stream()
                    .map(offset -> new ConsumerRecord<Object, Object>(partition.topic(), partition.partition(), offset, "k", "v"))
                    .toList());
            next.put(partition, new OffsetAndMetadata(list.get(list.size() - 1) + 1));
        });
        return new ConsumerRecords<>(records, next);
    }
}
