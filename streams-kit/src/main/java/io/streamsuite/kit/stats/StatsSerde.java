package io.streamsuite.kit.stats;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A serde over a fixed binary layout: null stays null, trailing or missing bytes are a SerializationException. */
public final class StatsSerde {

    private StatsSerde() {
    }

    public static <T> Serde<T> of(String name, ToIntFunction<T> size, BiConsumer<T, ByteBuffer> writer,
                                  Function<ByteBuffer, T> reader) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate(size.applyAsInt(value));
            writer.accept(value, buffer);
            return buffer.array();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                T value = reader.apply(buffer);
                if (buffer.hasRemaining()) {
                    throw new SerializationException(buffer.remaining() + " bytes too many");
                }
                return value;
            } catch (RuntimeException e) {
                throw new SerializationException("Not a " + name + ": " + e.getMessage(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
