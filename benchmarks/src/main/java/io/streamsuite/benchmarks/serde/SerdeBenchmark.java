package io.streamsuite.benchmarks.serde;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.payments.Transaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Transaction through the kit's registry serde (in-memory registry, caches warm) against plain Avro binary
 * encoding with a reused encoder and decoder: the difference is the serde's own cost (framing, id lookup, copies).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {

    static final String TOPIC = "payments.transactions";

    private Transaction transaction;
    private Serializer<Transaction> registrySerializer;
    private Deserializer<Transaction> registryDeserializer;
    private byte[] registryBytes;

    private final SpecificDatumWriter<Transaction> writer = new SpecificDatumWriter<>(Transaction.getClassSchema(),
            SpecificData.getForClass(Transaction.class));
    private final SpecificDatumReader<Transaction> reader = new SpecificDatumReader<>(Transaction.getClassSchema(),
            Transaction.getClassSchema(), SpecificData.getForClass(Transaction.class));
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;
    private byte[] plainBytes;

    @Setup
    public void setUp() throws IOException {
        transaction = SampleTransactions.typical();
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://serde-benchmark",
                "auto.register.schemas", true, "specific.avro.reader", true));
        registrySerializer = serdes.valueSerde(Transaction.class).serializer();
        registryDeserializer = serdes.valueSerde(Transaction.class).deserializer();
        // The first call registers the schema and fills the caches; the measurement is of the warm path.
        registryBytes = registrySerializer.serialize(TOPIC, transaction);
        registryDeserializer.deserialize(TOPIC, registryBytes);
        plainBytes = plainSerialize();
        plainDeserialize();
    }

    @Benchmark
    public byte[] serializeRegistry() {
        return registrySerializer.serialize(TOPIC, transaction);
    }

    @Benchmark
    public byte[] serializePlainAvro() throws IOException {
        return plainSerialize();
    }

    @Benchmark
    public Transaction deserializeRegistry() {
        return registryDeserializer.deserialize(TOPIC, registryBytes);
    }

    @Benchmark
    public Transaction deserializePlainAvro() throws IOException {
        return plainDeserialize();
    }

    private byte[] plainSerialize() throws IOException {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        writer.write(transaction, encoder);
        encoder.flush();
        return buffer.toByteArray();
    }

    private Transaction plainDeserialize() throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(plainBytes, decoder);
        // A fresh record each time, as a Kafka deserializer must return one: only the decoder is reused.
        return reader.read(null, decoder);
    }
}
