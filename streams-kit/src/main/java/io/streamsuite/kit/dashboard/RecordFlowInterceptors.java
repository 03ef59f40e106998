package io.streamsuite.kit.dashboard;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka instantiates interceptors itself; the {@link RecordFlow} reaches them through the client
 * config map under {@link #FLOW_CONFIG}, as the dead-letter handlers get their metrics.
 */
public final class RecordFlowInterceptors {

    public static final String FLOW_CONFIG = "streamsuite.kit.record-flow";

    private RecordFlowInterceptors() {
    }

    private static RecordFlow flow(Map<String, ?> configs) {
        return configs.get(FLOW_CONFIG) instanceof RecordFlow flow ? flow : null;
    }

    /** On the stream threads' main consumer: counts records polled from input topics. */
    public static final class Incoming implements ConsumerInterceptor<Object, Object> {
        private RecordFlow flow;

        @Override
        public void configure(Map<String, ?> configs) {
            flow = flow(configs);
        }

        @Override
        public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
            if (flow != null && !records.isEmpty()) {
                int counted = 0;
                for (TopicPartition partition : records.partitions()) {
                    if (flow.counts(partition.topic())) {
                        counted += records.records(partition).size();
                    }
                }
                flow.polled(counted);
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        }

        @Override
        public void close() {
        }
    }

    /** On the stream threads' producer: counts records sent to output topics and their latency. */
    public static final class Outgoing implements ProducerInterceptor<Object, Object> {
        private RecordFlow flow;

        @Override
        public void configure(Map<String, ?> configs) {
            flow = flow(configs);
        }

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            if (flow != null && flow.counts(record.topic())) {
                flow.sent(record.timestamp() == null ? -1 : record.timestamp(), System.currentTimeMillis());
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }
    }
}
