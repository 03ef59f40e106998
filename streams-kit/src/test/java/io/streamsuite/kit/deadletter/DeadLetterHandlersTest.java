package io.streamsuite.kit.deadletter;

import static io.streamsuite.kit.deadletter.Fixtures.await;
import static io.streamsuite.kit.deadletter.Fixtures.event;
import static io.streamsuite.kit.deadletter.Fixtures.keyStartsWith;
import static io.streamsuite.kit.deadletter.Fixtures.produce;
import static io.streamsuite.kit.deadletter.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamsuite.kit.config.KafkaStreamsRunner;
import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.deadletter.Fixtures.Sent;
import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.serde.InvalidMagicByteException;
import io.streamsuite.kit.serde.UndecodableRecordException;
import io.streamsuite.kit.serde.UnknownSchemaIdException;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.RegistryOutage;
import io.streamsuite.kit.test.WithKafkaStack;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

@WithKafkaStack
class DeadLetterHandlersTest {

    private static ConfigurableApplicationContext app;
    private static PoisonService service;
    private static String applicationId;
    private static String deadLetterTopic;
    private static AvroSerdes serdes;

    @BeforeAll
    static void startService() {
        app = PoisonApplication.start("dl-handlers");
        service = app.getBean(PoisonService.class);
        StreamsKitProperties kit = app.getBean(StreamsKitProperties.class);
        applicationId = kit.getApplicationId();
        deadLetterTopic = kit.resolvedDeadLetterTopic();
        serdes = Fixtures.serdes();
    }

    @AfterAll
    static void stopService() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void sendsUndecodableRecordToDeadLetterTopicAndKeepsRunning() {
        String in = service.input;
        List<Sent> good = new ArrayList<>();
        good.add(produce(in, "mix-good-1", event("g1", "click"), serdes));
        Sent garbage = produce(in, "mix-garbage", utf8("ab"));
        good.add(produce(in, "mix-good-2", event("g2", "click"), serdes));
        Sent wrongMagic = produce(in, "mix-wrong-magic", new byte[] {1, 0, 0, 0, 1, 2, 3, 4});
        good.add(produce(in, "mix-good-3", event("g3", "view"), serdes));
        Sent unknownSchema = produce(in, "mix-unknown-schema", new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 2, 4});
        good.add(produce(in, "mix-good-4", event("g4", "view"), serdes));
        Sent boom = produce(in, "mix-boom", event("p1", PoisonService.BOOM), serdes);
        good.add(produce(in, "mix-good-5", event("g5", "buy"), serdes));

        List<ConsumerRecord<byte[], byte[]>> processed = await(service.output, keyStartsWith("mix-good-"), good.size());
        List<ConsumerRecord<byte[], byte[]>> deadLetters = await(deadLetterTopic, keyStartsWith("mix-"), 4);

        assertThat(processed).hasSize(good.size());
        assertThat(deadLetters).hasSize(4);
        assertDeadLetter(deadLetters, garbage, "deserialization", UndecodableRecordException.class, PoisonService.SOURCE_NODE);
        assertDeadLetter(deadLetters, wrongMagic, "deserialization", InvalidMagicByteException.class, PoisonService.SOURCE_NODE);
        assertDeadLetter(deadLetters, unknownSchema, "deserialization", UnknownSchemaIdException.class, PoisonService.SOURCE_NODE);
        assertDeadLetter(deadLetters, boom, "processing", IllegalStateException.class, PoisonService.PROCESS_NODE);
        assertThat(DeadLetterHeader.MESSAGE.read(find(deadLetters, boom).headers())).contains("p1 is poison on purpose");
    }

    @Test
    void sendsUnserializableOutputRecordToDeadLetterTopic() {
        Sent before = produce(service.input, "out-good-1", event("o1", "click"), serdes);
        Sent unserializable = produce(service.input, "out-unserializable", event("o2", PoisonService.UNSERIALIZABLE), serdes);
        Sent after = produce(service.input, "out-good-2", event("o3", "click"), serdes);

        List<ConsumerRecord<byte[], byte[]>> processed = await(service.output, keyStartsWith("out-good-"), 2);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = await(deadLetterTopic, keyStartsWith("out-"), 1);

        assertThat(processed).extracting(record -> new String(record.key())).containsExactlyInAnyOrder(before.key(), after.key());
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = assertDeadLetter(deadLetters, unserializable, "production",
                SerializationException.class, PoisonService.SINK_NODE);
        assertThat(DeadLetterHeader.OUTPUT_TOPIC.read(deadLetter.headers())).isEqualTo(service.output);
        assertThat(DeadLetterHeader.PAYLOAD.read(deadLetter.headers())).isEqualTo("source");
    }

    @Test
    void holdsRecordsOfAnUnseenSchemaWhileTheRegistryIsDownWithoutFailingTheThreadAndProcessesThemAfterwards() {
        // A schema the service has never seen, so each record needs the registry to be read.
        Schema v2 = withNote(ExampleEvent.getClassSchema());
        List<byte[]> v2Values = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            v2Values.add(serdes.genericValueSerde().serializer().serialize(service.input, genericV2(v2, "n" + i)));
        }
        produce(service.input, "outage-warmup", event("w1", "click"), serdes);
        await(service.output, keyStartsWith("outage-warmup"), 1);
        KafkaStreamsRunner runner = app.getBean(KafkaStreamsRunner.class);
        double transientBefore = total(DeadLetterMetrics.TRANSIENT_FAILURES, "deserialization");
        int replacementsBefore = runner.threadFailures().recentReplacements();
        long holdsBefore = runner.schemaHolds().holdsSoFar();

        try (RegistryOutage outage = KafkaStack.registryOutage()) {
            for (int i = 0; i < v2Values.size(); i++) {
                produce(service.input, "outage-new-" + i, v2Values.get(i));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (runner.schemaHolds().held().isEmpty() && System.nanoTime() < deadline) {
                Fixtures.sleep(Duration.ofMillis(100));
            }
            assertThat(runner.schemaHolds().held()).as("partitions held at the unseen schema").isNotEmpty();
            // Held for several seconds: still held, the thread still alive, nothing read or failed.
            Fixtures.sleep(Duration.ofSeconds(5));
            assertThat(outage.isActive()).isTrue();
            assertThat(runner.schemaHolds().held()).isNotEmpty();
            assertThat(runner.schemaHolds().holdsSoFar()).isGreaterThan(holdsBefore + 1);
            assertThat(runner.streams().orElseThrow().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(runner.threadFailures().recentReplacements()).isEqualTo(replacementsBefore);
            assertThat(total(DeadLetterMetrics.TRANSIENT_FAILURES, "deserialization")).isEqualTo(transientBefore);
            assertThat(KafkaStack.readAll(service.output).stream().filter(keyStartsWith("outage-new-"))).isEmpty();
        }

        List<ConsumerRecord<byte[], byte[]>> processed = await(service.output, keyStartsWith("outage-new-"), 3);
        assertThat(processed).extracting(record -> new String(record.key()))
                .containsExactlyInAnyOrder("outage-new-0", "outage-new-1", "outage-new-2");
        assertThat(KafkaStack.readAll(deadLetterTopic).stream().filter(keyStartsWith("outage-"))).isEmpty();
        assertThat(runner.schemaHolds().held()).isEmpty();
        assertThat(runner.threadFailures().recentReplacements()).isEqualTo(replacementsBefore);
    }

    @Test
    void countsDeadLettersByReasonAndException() {
        double deserialization = total(DeadLetterMetrics.DEAD_LETTERS, "deserialization");
        double processing = total(DeadLetterMetrics.DEAD_LETTERS, "processing");
        double production = total(DeadLetterMetrics.DEAD_LETTERS, "production");
        double magic = counter("deserialization", "InvalidMagicByteException");
        double boom = counter("processing", "IllegalStateException");
        double unserializable = counter("production", "SerializationException");

        produce(service.input, "count-garbage-1", new byte[] {9, 9, 9, 9, 9, 9});
        produce(service.input, "count-garbage-2", new byte[] {7, 7, 7, 7, 7, 7});
        produce(service.input, "count-boom", event("c1", PoisonService.BOOM), serdes);
        produce(service.input, "count-unserializable", event("c2", PoisonService.UNSERIALIZABLE), serdes);
        await(deadLetterTopic, keyStartsWith("count-"), 4);

        assertThat(total(DeadLetterMetrics.DEAD_LETTERS, "deserialization") - deserialization).isEqualTo(2.0);
        assertThat(total(DeadLetterMetrics.DEAD_LETTERS, "processing") - processing).isEqualTo(1.0);
        assertThat(total(DeadLetterMetrics.DEAD_LETTERS, "production") - production).isEqualTo(1.0);
        assertThat(counter("deserialization", "InvalidMagicByteException") - magic).isEqualTo(2.0);
        assertThat(counter("processing", "IllegalStateException") - boom).isEqualTo(1.0);
        assertThat(counter("production", "SerializationException") - unserializable).isEqualTo(1.0);
    }

    private static ConsumerRecord<byte[], byte[]> assertDeadLetter(List<ConsumerRecord<byte[], byte[]>> deadLetters, Sent sent,
                                                                   String reason, Class<?> exception, String node) {
        ConsumerRecord<byte[], byte[]> deadLetter = find(deadLetters, sent);
        assertThat(deadLetter.key()).as("raw key of %s", sent.key()).isEqualTo(sent.keyBytes());
        assertThat(deadLetter.value()).as("raw value of %s", sent.key()).isEqualTo(sent.value());
        Map<String, String> headers = KafkaStack.headersAsText(deadLetter);
        assertThat(headers).as("headers of %s", sent.key())
                .containsEntry(DeadLetterHeader.SOURCE_TOPIC.key(), service.input)
                .containsEntry(DeadLetterHeader.SOURCE_PARTITION.key(), String.valueOf(sent.partition()))
                .containsEntry(DeadLetterHeader.SOURCE_OFFSET.key(), String.valueOf(sent.offset()))
                .containsEntry(DeadLetterHeader.EXCEPTION.key(), exception.getName())
                .containsEntry(DeadLetterHeader.APPLICATION_ID.key(), applicationId)
                .containsEntry(DeadLetterHeader.PROCESSOR_NODE.key(), node)
                .containsEntry(DeadLetterHeader.TASK_ID.key(), "0_" + sent.partition())
                .containsEntry(DeadLetterHeader.REASON.key(), reason)
                .containsKey(DeadLetterHeader.FAILED_AT.key());
        assertThat(headers.get(DeadLetterHeader.STACKTRACE.key())).startsWith(exception.getName());
        return deadLetter;
    }

    private static ConsumerRecord<byte[], byte[]> find(List<ConsumerRecord<byte[], byte[]>> deadLetters, Sent sent) {
        Predicate<ConsumerRecord<byte[], byte[]>> same = record -> String.valueOf(sent.offset())
                .equals(DeadLetterHeader.SOURCE_OFFSET.read(record.headers()))
                && String.valueOf(sent.partition()).equals(DeadLetterHeader.SOURCE_PARTITION.read(record.headers()));
        Optional<ConsumerRecord<byte[], byte[]>> found = deadLetters.stream().filter(same).findFirst();
        assertThat(found).as("dead letter of %s (%s-%s@%s) among %s", sent.key(), service.input, sent.partition(),
                sent.offset(), deadLetters.stream().map(r -> new String(r.key())).collect(Collectors.toList())).isPresent();
        return found.get();
    }

    private static double total(String name, String reason) {
        return app.getBean(MeterRegistry.class).find(name).tag("reason", reason).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static double counter(String reason, String exception) {
        Counter counter = app.getBean(MeterRegistry.class).find(DeadLetterMetrics.DEAD_LETTERS)
                .tag("reason", reason).tag("exception", exception).counter();
        return counter == null ? 0.0 : counter.count();
    }

    private static Schema withNote(Schema v1) {
        String json = v1.toString();
        String note = ",{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]";
        return new Schema.Parser().parse(json.substring(0, json.lastIndexOf(']')) + note + json.substring(json.lastIndexOf(']') + 1));
    }

    private static GenericRecord genericV2(Schema v2, String id) {
        GenericRecord record = new GenericData.Record(v2);
        Schema amount = v2.getField("amount").schema();
        ByteBuffer decimal = new Conversions.DecimalConversion().toBytes(new java.math.BigDecimal("1.50"), amount,
                amount.getLogicalType());
        record.put("id", id);
        record.put("kind", "click");
        record.put("amount", decimal);
        record.put("eventTime", 1_764_064_800_000L);
        record.put("note", "written by a newer producer");
        return record;
    }
}
