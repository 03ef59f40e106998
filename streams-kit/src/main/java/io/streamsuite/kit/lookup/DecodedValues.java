package io.streamsuite.kit.lookup;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A store's value serde that decodes each distinct value once: the deserializer remembers the values it decoded by
 * their bytes, so a lookup store read many times between updates (a global table of lists, say) hashes the bytes
 * instead of decoding them again. Equal bytes are the same value, so what is answered never changes; a changed
 * value has other bytes and is decoded afresh. What it serializes it remembers too, so a store reading back the
 * value it just wrote (an aggregate) does not decode it. At most {@code capacity} values are remembered (all are forgotten
 * when it fills, so a cold table costs one decode per read, as without it). Callers must not modify what they get:
 * it is shared with every later read of the same bytes, nor what they had serialized. Thread-safe.
 */
public final class DecodedValues {

    private DecodedValues() {
    }

    public static <V> Serde<V> remembering(Serde<V> serde, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        Map<Bytes, V> decoded = new ConcurrentHashMap<>();
        Deserializer<V> inner = serde.deserializer();
        Deserializer<V> remembering = new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                inner.configure(configs, isKey);
            }

            @Override
            public V deserialize(String topic, byte[] data) {
                if (data == null) {
                    return null;
                }
                Bytes key = new Bytes(data);
                V known = decoded.get(key);
                if (known != null) {
                    return known;
                }
                V value = inner.deserialize(topic, data);
                if (value != null) {
                    if (decoded.size() >= capacity) {
                        decoded.clear();
                    }
                    decoded.put(new Bytes(data.clone()), value);
                }
                return value;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        Serializer<V> outer = serde.serializer();
        // A store reads back what it wrote: what is written is remembered by its bytes too.
        Serializer<V> remembered = new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                outer.configure(configs, isKey);
            }

            @Override
            public byte[] serialize(String topic, V value) {
                byte[] data = outer.serialize(topic, value);
                if (data != null && value != null) {
                    if (decoded.size() >= capacity) {
                        decoded.clear();
                    }
                    decoded.put(new Bytes(data.clone()), value);
                }
                return data;
            }

            @Override
            public void close() {
                outer.close();
            }
        };
        return Serdes.serdeFrom(remembered, remembering);
    }

    /** Bytes compared by content, their hash computed once. */
    private static final class Bytes {
        private final byte[] data;
        private final int hash;

        Bytes(byte[] data) {
            this.data = data;
            this.hash = Arrays.hashCode(data);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && bytes.hash == hash && Arrays.equals(bytes.data, data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
