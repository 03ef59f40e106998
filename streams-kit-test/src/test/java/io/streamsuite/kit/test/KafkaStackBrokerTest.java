package io.streamsuite.kit.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithKafkaStack
class KafkaStackBrokerTest {

    @Test
    void producesRawBytesAndReadsThemBackWithHeaders() {
        String topic = KafkaStack.uniqueName("raw");
        KafkaStack.createTopics(topic);

        KafkaStack.produce(topic, bytes("k1"), bytes("v1"), new RecordHeader("source", bytes("test")));
        KafkaStack.produce(topic, bytes("k2"), null);

        List<ConsumerRecord<byte[], byte[]>> records = KafkaStack.readAll(topic, 2, Duration.ofSeconds(20));
        assertThat(records).hasSize(2);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("v1");
        assertThat(KafkaStack.headersAsText(records.get(0))).containsEntry("source", "test");
        assertThat(new String(records.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        assertThat(records.get(1).value()).isNull();
    }

    @Test
    void producesAndReadsTypedRecordsThroughSerdes() {
        String topic = KafkaStack.uniqueName("typed");
        KafkaStack.createTopics(3, topic);

        for (int i = 0; i < 6; i++) {
            KafkaStack.produce(topic, "key-" + i, "value-" + i, new StringSerializer(), new StringSerializer());
        }

        List<ConsumerRecord<String, String>> records = KafkaStack.readAll(topic, 6, Duration.ofSeconds(20),
                new StringDeserializer(), new StringDeserializer());
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("value-0", "value-1", "value-2", "value-3", "value-4", "value-5");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2).hasSize(6);
    }

    @Test
    void readsOnlyCommittedTransactionsSoAbortedRecordsNeverShow() {
        String topic = KafkaStack.uniqueName("tx");
        KafkaStack.createTopics(topic);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaStack.uniqueName("tx-producer"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        // Under read_uncommitted the aborted record would come first.
        List<ConsumerRecord<byte[], byte[]>> records = KafkaStack.readAll(topic, 1, Duration.ofSeconds(20));
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("committed");
    }

    @Test
    void readAllWithoutACountReturnsWhatIsCommittedAtTheTimeOfTheCall() {
        String topic = KafkaStack.uniqueName("snapshot");
        KafkaStack.createTopics(topic);
        KafkaStack.produce(topic, null, bytes("a"));
        KafkaStack.produce(topic, null, bytes("b"));

        assertThat(KafkaStack.readAll(topic)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("a", "b");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
