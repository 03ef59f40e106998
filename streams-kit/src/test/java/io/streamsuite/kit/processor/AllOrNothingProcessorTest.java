package io.streamsuite.kit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.deadletter.DeadLetterHeader;
import io.streamsuite.kit.deadletter.DeadLetterProcessingHandler;
import io.streamsuite.kit.deadletter.DeadLetterProductionHandler;
import io.streamsuite.kit.example.ExampleEvent;
import io.streamsuite.kit.serde.AvroSerdeConfig;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.serde.InMemorySchemaRegistryClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record's outputs are all-or-nothing: a processor that counts per key, then fails (after staging its count),
 * or whose second sink refuses the output, leaves the store and both sinks untouched and a dead letter with the
 * raw source bytes.
 */
class AllOrNothingProcessorTest {

    private static final String SCOPE = "all-or-nothing-test";
    private static final String IN = "events";
    private static final String OUT = "events.upper";
    private static final String AUDIT = "events.audit";
    private static final String DLQ = "app.dlq";
    private static final String COUNTS = "counts";
    /** Fails after its count is staged. */
    private static final String FAILS_LATE = "fails-late";
    /** The audit sink's serializer refuses it, after the first sink's output was staged. */
    private static final String UNAUDITABLE = "unauditable";

    private TopologyTestDriver driver;
    private TestInputTopic<String, ExampleEvent> input;
    private TestOutputTopic<String, ExampleEvent> upper;
    private TestOutputTopic<String, ExampleEvent> audit;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private KeyValueStore<String, Long> counts;
    private Serde<ExampleEvent> events;

    @BeforeEach
    void startDriver() {
        events = AvroSerdes.fromConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE)).valueSerde(ExampleEvent.class);
        SinkTopic<String, ExampleEvent> upperSink = SinkTopic.of("upper-sink", OUT, Serdes.String(), events);
        SinkTopic<String, ExampleEvent> auditSink = new SinkTopic<>("audit-sink", AUDIT, Serdes.String().serializer(),
                new RefusingAudit(events.serializer()));
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(COUNTS), Serdes.String(), Serdes.Long()));
        KStream<byte[], byte[]> decided = builder.stream(IN, Consumed.with(Serdes.String(), events))
                .process(() -> new CountingProcessor(upperSink, auditSink), Named.as("count-and-copy"), COUNTS);
        decided.to(upperSink.topic(), upperSink.produced());
        decided.to(auditSink.topic(), auditSink.produced());

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DLQ);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        driver = new TopologyTestDriver(builder.build(), props);
        input = driver.createInputTopic(IN, Serdes.String().serializer(), events.serializer());
        upper = driver.createOutputTopic(OUT, Serdes.String().deserializer(), events.deserializer());
        audit = driver.createOutputTopic(AUDIT, Serdes.String().deserializer(), events.deserializer());
        deadLetters = driver.createOutputTopic(DLQ, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        counts = driver.getKeyValueStore(COUNTS);
    }

    @AfterEach
    void stopDriver() {
        driver.close();
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void aProcessingFailureAfterAStagedStateWriteLeavesTheStoreAsItWasAndDeadLettersTheRawRecord() {
        input.pipeInput("card-1", event("e1", "click"));
        byte[] failingBytes = events.serializer().serialize(IN, event("e2", FAILS_LATE));
        driver.createInputTopic(IN, Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("card-1", failingBytes);
        input.pipeInput("card-1", event("e3", "view"));

        assertThat(counts.get("card-1")).as("e1 and e3 counted, e2 not").isEqualTo(2L);
        assertThat(upper.readValuesToList()).extracting(e -> e.getId()).containsExactly("e1", "e3");
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo(failingBytes);
            assertThat(DeadLetterHeader.PAYLOAD.read(letter.headers())).isEqualTo("source");
            assertThat(DeadLetterHeader.REASON.read(letter.headers())).isEqualTo("processing");
        });
    }

    @Test
    void aSecondSinkThatRefusesTheOutputLeavesTheFirstSinkEmptyAndDeadLettersTheRawRecord() {
        byte[] refusedBytes = events.serializer().serialize(IN, event("e4", UNAUDITABLE));
        driver.createInputTopic(IN, Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("card-2", refusedBytes);
        input.pipeInput("card-2", event("e5", "click"));

        assertThat(upper.readValuesToList()).extracting(e -> e.getId()).containsExactly("e5");
        assertThat(audit.readValuesToList()).extracting(e -> e.getId()).containsExactly("e5");
        assertThat(counts.get("card-2")).isEqualTo(1L);
        assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(letter -> {
            assertThat(letter.value()).as("the source record's raw bytes, replayable").isEqualTo(refusedBytes);
            assertThat(DeadLetterHeader.PAYLOAD.read(letter.headers())).isEqualTo("source");
            assertThat(DeadLetterHeader.EXCEPTION.read(letter.headers())).isEqualTo(SerializationException.class.getName());
        });
    }

    private static ExampleEvent event(String id, String kind) {
        return ExampleEvent.newBuilder().setId(id).setKind(kind).setAmount(new BigDecimal("3.00"))
                .setEventTime(Instant.parse("2026-11-25T10:00:00Z")).build();
    }

    /** Counts events per key, copies each upper-cased to one sink and as it is to an audit sink. */
    private static final class CountingProcessor extends AllOrNothingProcessor<String, ExampleEvent> {
        private final SinkTopic<String, ExampleEvent> upperSink;
        private final SinkTopic<String, ExampleEvent> auditSink;
        private KeyValueStore<String, Long> counts;

        CountingProcessor(SinkTopic<String, ExampleEvent> upperSink, SinkTopic<String, ExampleEvent> auditSink) {
            this.upperSink = upperSink;
            this.auditSink = auditSink;
        }

        @Override
        protected void open(ProcessorContext<byte[], byte[]> context) {
            counts = context.getStateStore(COUNTS);
        }

        @Override
        protected void decide(Record<String, ExampleEvent> record, RecordOutputs outputs) {
            Long seen = counts.get(record.key());
            outputs.put(counts, record.key(), seen == null ? 1L : seen + 1);
            if (FAILS_LATE.equals(record.value().getKind())) {
                throw new IllegalStateException("event " + record.value().getId() + " fails after its count was staged");
            }
            ExampleEvent loud = ExampleEvent.newBuilder(record.value())
                    .setKind(record.value().getKind().toUpperCase(Locale.ROOT)).build();
            outputs.send(upperSink, record.key(), loud);
            outputs.send(auditSink, record.key(), record.value());
        }
    }

    private record RefusingAudit(Serializer<ExampleEvent> delegate) implements Serializer<ExampleEvent> {
        @Override
        public byte[] serialize(String topic, ExampleEvent event) {
            return serialize(topic, null, event);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, ExampleEvent event) {
            if (UNAUDITABLE.equals(event.getKind())) {
                throw new SerializationException("the audit log refuses event " + event.getId());
            }
            return delegate.serialize(topic, headers, event);
        }
    }
}
