package io.streamsuite.recommendations;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for the service's internal state and repartition values, which no other team reads: a
 * version byte then {@link DataOutputStream} fields. Avro would register a subject per internal topic
 * for values that never leave the service.
 */
public final class BinaryFormat {

    /** Writes one value's fields. */
    public interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** Reads one value's fields. */
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Reads one value's fields as written by format {@code version} (this one or an older one). */
    public interface VersionedReader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    private BinaryFormat() {
    }

    public static <T> Serde<T> serde(String what, int version, Writer<T> writer, Reader<T> reader) {
        return serde(what, version, writer, (in, found) -> {
            if (found != version) {
                throw new SerializationException(what + ": unknown format version " + found);
            }
            return reader.read(in);
        });
    }

    /** As above, reading every version from 1 to {@code version}: state written before an upgrade stays readable. */
    public static <T> Serde<T> serde(String what, int version, Writer<T> writer, VersionedReader<T> reader) {
        return Serdes.serdeFrom(
                (topic, value) -> {
                    if (value == null) {
                        return null;
                    }
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
                    try (DataOutputStream out = new DataOutputStream(bytes)) {
                        out.writeByte(version);
                        writer.write(out, value);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return bytes.toByteArray();
                },
                (topic, data) -> {
                    if (data == null) {
                        return null;
                    }
                    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                        int found = in.readByte();
                        if (found < 1 || found > version) {
                            throw new SerializationException(what + ": unknown format version " + found);
                        }
                        return reader.read(in, found);
                    } catch (IOException e) {
                        throw new SerializationException(what + ": truncated or malformed value", e);
                    }
                });
    }
}
