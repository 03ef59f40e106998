package io.streamsuite.kit.processor;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A sink an {@link AllOrNothingProcessor} writes to: the sink node's name, its topic, and the serializers its
 * records are written with. The processor serializes with them itself, so the sink node only moves bytes:
 * <pre>{@code
 * SinkTopic<String, Alert> alerts = SinkTopic.of("alerts-sink", "fraud.alerts", Serdes.String(), alertSerde);
 * KStream<byte[], byte[]> decided = events.process(() -> new Rules(alerts), Named.as("rules"), STORE);
 * decided.to(alerts.topic(), alerts.produced());
 * }</pre>
 */
public record SinkTopic<K, V>(String nodeName, String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer) {

    public static <K, V> SinkTopic<K, V> of(String nodeName, String topic, Serde<K> keys, Serde<V> values) {
        return new SinkTopic<>(nodeName, topic, keys.serializer(), values.serializer());
    }

    /** How the DSL's {@code to(...)} must write this sink: bytes as they are, under this node name. */
    public Produced<byte[], byte[]> produced() {
        return Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(nodeName);
    }
}
