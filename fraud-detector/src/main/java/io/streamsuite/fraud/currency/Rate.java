package io.streamsuite.fraud.currency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** One unit of a currency is worth {@code perUnit} of {@code baseCurrency}. */
public record Rate(String baseCurrency, BigDecimal perUnit) {

    /** A small fixed layout, no Avro: the card stage reads rates on most transactions. */
    public static final Serde<Rate> SERDE = Serdes.serdeFrom(
            (Serializer<Rate>) (topic, rate) -> rate == null ? null : rate.toBytes(),
            (Deserializer<Rate>) (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

    private byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(baseCurrency);
            out.writeInt(perUnit.scale());
            byte[] unscaled = perUnit.unscaledValue().toByteArray();
            out.writeShort(unscaled.length);
            out.write(unscaled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static Rate fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String base = in.readUTF();
            int scale = in.readInt();
            byte[] unscaled = new byte[in.readUnsignedShort()];
            in.readFully(unscaled);
            return new Rate(base, new BigDecimal(new BigInteger(unscaled), scale));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a Rate: " + e.getMessage(), e);
        }
    }
}
