package io.streamsuite.kit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsuite.kit.serde.SchemaRegistryUnavailableException;
import io.streamsuite.kit.serde.SchemaRegistryAccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterRouterTest {

    private static final byte[] KEY = "key-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 42, 7, 7};
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeadLetterRouter router = new DeadLetterRouter("app.dlq", "app", new DeadLetterMetrics(meters),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void buildsDeadLetterWithRawBytesAndProvenanceHeaders() {
        RecordHeaders original = new RecordHeaders();
        original.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        original.add("__streams.errors.exception", "stale".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> deadLetter = router.route(Reason.PROCESSING, context(original, KEY, VALUE),
                new IllegalStateException("poison"), KEY, VALUE, null, null, null).orElseThrow();

        assertThat(deadLetter.topic()).isEqualTo("app.dlq");
        assertThat(deadLetter.key()).isEqualTo(KEY);
        assertThat(deadLetter.value()).isEqualTo(VALUE);
        assertThat(deadLetter.timestamp()).isEqualTo(1_000L);
        assertThat(text(deadLetter, "trace-id")).isEqualTo("abc");
        assertThat(deadLetter.headers().headers("__streams.errors.exception")).hasSize(1);
        assertThat(DeadLetterHeader.EXCEPTION.read(deadLetter.headers())).isEqualTo(IllegalStateException.class.getName());
        assertThat(DeadLetterHeader.MESSAGE.read(deadLetter.headers())).isEqualTo("poison");
        assertThat(DeadLetterHeader.STACKTRACE.read(deadLetter.headers())).contains("DeadLetterRouterTest");
        assertThat(DeadLetterHeader.SOURCE_TOPIC.read(deadLetter.headers())).isEqualTo("in");
        assertThat(DeadLetterHeader.SOURCE_PARTITION.read(deadLetter.headers())).isEqualTo("2");
        assertThat(DeadLetterHeader.SOURCE_OFFSET.read(deadLetter.headers())).isEqualTo("17");
        assertThat(DeadLetterHeader.APPLICATION_ID.read(deadLetter.headers())).isEqualTo("app");
        assertThat(DeadLetterHeader.PROCESSOR_NODE.read(deadLetter.headers())).isEqualTo("node-x");
        assertThat(DeadLetterHeader.TASK_ID.read(deadLetter.headers())).isEqualTo("0_2");
        assertThat(DeadLetterHeader.FAILED_AT.read(deadLetter.headers())).isEqualTo(String.valueOf(NOW.toEpochMilli()));
        assertThat(DeadLetterHeader.REASON.read(deadLetter.headers())).isEqualTo("processing");
        assertThat(DeadLetterHeader.PAYLOAD.read(deadLetter.headers())).isEqualTo("source");
        assertThat(meters.get(DeadLetterMetrics.DEAD_LETTERS).tag("reason", "processing")
                .tag("exception", "IllegalStateException").counter().count()).isEqualTo(1.0);
    }

    @Test
    void leavesTransientFailuresToFailAndCountsThemApart() {
        ErrorHandlerContext context = context(new RecordHeaders(), KEY, VALUE);

        assertThat(router.route(Reason.DESERIALIZATION, context,
                new SchemaRegistryUnavailableException("registry down", null), KEY, VALUE, null, null, null)).isEmpty();
        assertThat(router.route(Reason.PROCESSING, context,
                new StreamsException("wrapped", new TimeoutException("broker slow")), KEY, VALUE, null, null, null)).isEmpty();
        assertThat(router.route(Reason.PRODUCTION, context,
                new NotEnoughReplicasException("1 of 3 in sync"), KEY, VALUE, null, null, null)).isEmpty();

        assertThat(meters.find(DeadLetterMetrics.DEAD_LETTERS).counters()).isEmpty();
        assertThat(meters.get(DeadLetterMetrics.TRANSIENT_FAILURES).counters())
                .extracting(counter -> counter.getId().getTag("reason"))
                .containsExactlyInAnyOrder("deserialization", "processing", "production");
    }

    @Test
    void neverDeadLettersAStateStoreFailure() {
        ProcessingExceptionHandler handler = new DeadLetterProcessingHandler();
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "svc",
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "svc.dlq",
                DeadLetterRouter.METRICS_CONFIG, new DeadLetterMetrics(meters)));

        ProcessingExceptionHandler.Response response = handler.handleError(context(new RecordHeaders(), KEY, VALUE),
                new Record<>("k", "v", 1_000L), new ProcessorStateException("Error while putting key k into store counts",
                        new org.rocksdb.RocksDBException("No space left on device")));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(meters.find(DeadLetterMetrics.DEAD_LETTERS).counters()).isEmpty();
    }

    @Test
    void leavesAuthorizationFailuresToFailAsFatalNotAsDeadLetters() {
        assertThat(router.route(Reason.DESERIALIZATION, context(new RecordHeaders(), KEY, VALUE),
                new SchemaRegistryAccessDeniedException("HTTP 403"), KEY, VALUE, null, null, null)).isEmpty();

        assertThat(meters.find(DeadLetterMetrics.DEAD_LETTERS).counters()).isEmpty();
        assertThat(meters.get(DeadLetterMetrics.FATAL_FAILURES).tag("reason", "deserialization").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void deadLettersATimestampTheBrokerRefusedWithTheWallClockSoTheDeadLetterTopicTakesIt() {
        ProducerRecord<byte[], byte[]> deadLetter = router.route(Reason.PRODUCTION, context(new RecordHeaders(), KEY, VALUE),
                new InvalidTimestampException("Timestamp 1796208600000 is out of range"), KEY, VALUE, "out", null, null).orElseThrow();

        assertThat(deadLetter.timestamp()).as("the producer stamps it now").isNull();
        assertThat(DeadLetterHeader.SOURCE_OFFSET.read(deadLetter.headers())).isEqualTo("17");
    }

    @Test
    void keepsTheOutputBytesWhenKafkaAlreadyReleasedTheSourceBytes() {
        byte[] output = {9, 9, 9};
        ProducerRecord<byte[], byte[]> deadLetter = router.route(Reason.PRODUCTION, context(new RecordHeaders(), null, null),
                new SerializationException("too big"), null, null, "out", null, output).orElseThrow();

        assertThat(deadLetter.value()).isEqualTo(output);
        assertThat(DeadLetterHeader.PAYLOAD.read(deadLetter.headers())).isEqualTo("output");
        assertThat(DeadLetterHeader.OUTPUT_TOPIC.read(deadLetter.headers())).isEqualTo("out");
    }

    @Test
    void handlersTakeTopicApplicationIdAndMetricsFromTheStreamsConfigMap() {
        Map<String, Object> config = Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "svc",
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "svc.dlq",
                DeadLetterRouter.METRICS_CONFIG, new DeadLetterMetrics(meters));
        DeadLetterDeserializationHandler deserialization = new DeadLetterDeserializationHandler();
        deserialization.configure(config);
        DeadLetterProcessingHandler processing = new DeadLetterProcessingHandler();
        processing.configure(config);

        DeserializationExceptionHandler.Response resumed = deserialization.handleError(context(new RecordHeaders(), KEY, VALUE),
                new ConsumerRecord<>("in", 2, 17, KEY, VALUE), new SerializationException("bad bytes"));
        ProcessingExceptionHandler.Response failed = processing.handleError(context(new RecordHeaders(), KEY, VALUE),
                new Record<>("k", "v", 1_000L), new StreamsException(new SchemaRegistryUnavailableException("down", null)));

        assertThat(resumed.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(resumed.deadLetterQueueRecords()).singleElement()
                .satisfies(record -> {
                    assertThat(record.topic()).isEqualTo("svc.dlq");
                    assertThat(DeadLetterHeader.APPLICATION_ID.read(record.headers())).isEqualTo("svc");
                    assertThat(DeadLetterHeader.REASON.read(record.headers())).isEqualTo("deserialization");
                });
        assertThat(failed.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(failed.deadLetterQueueRecords()).isEmpty();
        assertThat(meters.get(DeadLetterMetrics.DEAD_LETTERS).tag("reason", "deserialization").counter().count()).isEqualTo(1.0);
    }

    private static ErrorHandlerContext context(RecordHeaders headers, byte[] key, byte[] value) {
        return new DefaultErrorHandlerContext(null, "in", 2, 17L, headers, "node-x", new TaskId(0, 2), 1_000L, key, value);
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
