package io.streamsuite.kit.deadletter;

import io.streamsuite.kit.failure.FailureFate;
import io.streamsuite.kit.failure.FailureFates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the three handlers share: {@link FailureFates} decides the failure's fate; a permanent one becomes one
 * dead-letter record with the failed record's bytes and its provenance headers, a transient or fatal one is left
 * to fail the stream thread (and counted), where {@code KafkaStreamsRunner} replaces or stops it.
 */
final class DeadLetterRouter {

    /** Config key under which the kit passes the {@link DeadLetterMetrics} object to the handlers. */
    static final String METRICS_CONFIG = "streamsuite.deadletter.metrics";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRouter.class);
    private static final int MAX_STACKTRACE_CHARS = 8_192;
    private static final int MAX_MESSAGE_CHARS = 2_048;

    private final String deadLetterTopic;
    private final String applicationId;
    private final DeadLetterMetrics metrics;
    private final Clock clock;

    DeadLetterRouter(String deadLetterTopic, String applicationId, DeadLetterMetrics metrics, Clock clock) {
        this.deadLetterTopic = deadLetterTopic;
        this.applicationId = applicationId;
        this.metrics = metrics;
        this.clock = clock;
    }

    static DeadLetterRouter fromConfig(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new IllegalStateException("The dead-letter handlers need "
                    + StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " to be set");
        }
        DeadLetterMetrics metrics = configs.get(METRICS_CONFIG) instanceof DeadLetterMetrics given
                ? given : DeadLetterMetrics.outsideSpring();
        return new DeadLetterRouter(topic.toString(), String.valueOf(applicationId), metrics, Clock.systemUTC());
    }

    /**
     * The dead letter for this failure, or empty when the failure is transient and must fail the thread.
     * {@code outputKey}/{@code outputValue} are used only when the source bytes are gone (async send errors).
     */
    Optional<ProducerRecord<byte[], byte[]>> route(Reason reason, ErrorHandlerContext context, Exception failure,
                                                   byte[] sourceKey, byte[] sourceValue,
                                                   String outputTopic, byte[] outputKey, byte[] outputValue) {
        FailureFate fate = FailureFates.of(failure);
        if (fate == FailureFate.TRANSIENT) {
            metrics.transientFailure(reason, failure);
            log.warn("Transient {} failure at {}-{}@{} ({}): failing the thread so exactly-once retries it",
                    reason.tag(), context.topic(), context.partition(), context.offset(), failure.toString());
            return Optional.empty();
        }
        if (fate == FailureFate.FATAL) {
            metrics.fatalFailure(reason, failure);
            log.warn("Fatal {} failure at {}-{}@{} ({}): failing the thread; the service stops if it recurs",
                    reason.tag(), context.topic(), context.partition(), context.offset(), failure.toString());
            return Optional.empty();
        }
        if (deadLetterTopic.equals(outputTopic)) {
            // The dead-letter topic itself refused the record: another dead letter would meet the same refusal.
            metrics.transientFailure(reason, failure);
            log.error("The dead-letter topic {} refused a dead letter from {}-{}@{} ({}): failing the thread",
                    deadLetterTopic, context.topic(), context.partition(), context.offset(), failure.toString());
            return Optional.empty();
        }
        DeadLetterHeader.Payload payload;
        byte[] key;
        byte[] value;
        if (sourceKey != null || sourceValue != null) {
            payload = DeadLetterHeader.Payload.SOURCE;
            key = sourceKey;
            value = sourceValue;
        } else if (outputKey != null || outputValue != null) {
            payload = DeadLetterHeader.Payload.OUTPUT;
            key = outputKey;
            value = outputValue;
        } else {
            payload = DeadLetterHeader.Payload.NONE;
            key = null;
            value = null;
        }
        Headers headers = new RecordHeaders();
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                if (!DeadLetterHeader.isBookkeeping(header.key())) {
                    headers.add(header.key(), header.value());
                }
            }
        }
        DeadLetterHeader.EXCEPTION.write(headers, failure.getClass().getName());
        DeadLetterHeader.MESSAGE.write(headers, truncate(failure.getMessage(), MAX_MESSAGE_CHARS));
        DeadLetterHeader.STACKTRACE.write(headers, truncate(stackTrace(failure), MAX_STACKTRACE_CHARS));
        DeadLetterHeader.SOURCE_TOPIC.write(headers, context.topic());
        DeadLetterHeader.SOURCE_PARTITION.write(headers, String.valueOf(context.partition()));
        DeadLetterHeader.SOURCE_OFFSET.write(headers, String.valueOf(context.offset()));
        DeadLetterHeader.APPLICATION_ID.write(headers, applicationId);
        DeadLetterHeader.PROCESSOR_NODE.write(headers, context.processorNodeId());
        DeadLetterHeader.TASK_ID.write(headers, context.taskId() == null ? null : context.taskId().toString());
        DeadLetterHeader.FAILED_AT.write(headers, String.valueOf(clock.millis()));
        DeadLetterHeader.REASON.write(headers, reason.tag());
        DeadLetterHeader.PAYLOAD.write(headers, payload.tag());
        if (outputTopic != null) {
            DeadLetterHeader.OUTPUT_TOPIC.write(headers, outputTopic);
        }
        // Kafka rejects negative timestamps (a punctuator's context may carry one); a timestamp the broker refused
        // would be refused on the dead-letter topic too and fail the thread in a loop: both take the wall clock.
        Long timestamp = context.timestamp() >= 0 && !(failure instanceof InvalidTimestampException) ? context.timestamp() : null;
        metrics.deadLettered(reason, failure);
        log.warn("Dead-lettering a {} failure at {}-{}@{} to {}: {}", reason.tag(), context.topic(),
                context.partition(), context.offset(), deadLetterTopic, failure.toString());
        return Optional.of(new ProducerRecord<>(deadLetterTopic, null, timestamp, key, value, headers));
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf('\n', max);
        return text.substring(0, cut > max / 2 ? cut : max) + "\n\t... (trimmed)";
    }
}
