package io.streamsuite.kit.serde;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serde whose deserializer waits out a registry outage instead of failing. For global stores:
 * Kafka Streams cannot replace a failed global thread, so a transient failure there would stop the
 * whole application, where a stream thread would just be replaced.
 */
public final class WaitForRegistry {

    private static final Logger log = LoggerFactory.getLogger(WaitForRegistry.class);
    private static final long RETRY_MILLIS = 1_000;

    private WaitForRegistry() {
    }

    public static <T> Serde<T> serde(Serde<T> inner) {
        return Serdes.serdeFrom(inner.serializer(), deserializer(inner.deserializer()));
    }

    public static <T> Deserializer<T> deserializer(Deserializer<T> inner) {
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return deserialize(topic, null, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                while (true) {
                    try {
                        return headers == null ? inner.deserialize(topic, data) : inner.deserialize(topic, headers, data);
                    } catch (SchemaRegistryUnavailableException e) {
                        log.warn("Schema registry unavailable while reading {}; retrying in {} ms: {}", topic, RETRY_MILLIS,
                                e.getMessage());
                        try {
                            Thread.sleep(RETRY_MILLIS);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            throw e;
                        }
                    }
                }
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
