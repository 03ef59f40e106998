package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.kit.serde.AvroSerdes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The same input, record for record and partition for partition, to two brokers: the crashed run's and the
 * uninterrupted reference run's. Each value is serialized once with the kit's registry serde, so both runs read
 * the same bytes; both topics have the same partition count, so the default partitioner puts a key on the same
 * partition of each, in the same order.
 */
final class TwinInput implements AutoCloseable {

    private final AvroSerdes serdes;
    private final List<KafkaProducer<String, byte[]>> producers;
    private final Map<Class<?>, Serializer<?>> serializers = new ConcurrentHashMap<>();

    TwinInput(String registryUrl, KafkaOps crashed, KafkaOps reference) {
        this.serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl));
        this.producers = List.of(producer(crashed.bootstrap()), producer(reference.bootstrap()));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void send(String topic, String key, T value) {
        Serializer<T> serializer = (Serializer<T>) serializers.computeIfAbsent(value.getClass(),
                type -> serdes.valueSerde((Class<T>) type).serializer());
        byte[] bytes = serializer.serialize(topic, value);
        for (KafkaProducer<String, byte[]> producer : producers) {
            producer.send(new ProducerRecord<>(topic, key, bytes));
        }
    }

    /** Waits until every record sent so far is acknowledged by both brokers. */
    void flush() {
        producers.forEach(KafkaProducer::flush);
    }

    @Override
    public void close() {
        producers.forEach(p -> p.close(java.time.Duration.ofSeconds(10)));
    }
}
