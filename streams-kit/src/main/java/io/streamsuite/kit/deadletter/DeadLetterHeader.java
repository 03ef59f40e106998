package io.streamsuite.kit.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;

/**
 * Every header the kit writes on a dead letter or a replay, declared once. The first six are
 * Kafka's own KIP-1034 names, so tools that read Kafka's native dead letters read ours too.
 */
public enum DeadLetterHeader {
    EXCEPTION(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME),
    MESSAGE(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME),
    STACKTRACE(ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME),
    SOURCE_TOPIC(ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME),
    SOURCE_PARTITION(ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME),
    SOURCE_OFFSET(ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME),
    APPLICATION_ID("__streams.errors.application.id"),
    PROCESSOR_NODE("__streams.errors.processor.node"),
    TASK_ID("__streams.errors.task.id"),
    /** Wall-clock time of the failure in epoch millis; the record timestamp stays the source record's. */
    FAILED_AT("__streams.errors.failed.at"),
    REASON("__streams.errors.reason"),
    /** Which bytes the dead letter carries: see {@link Payload}. Only {@code source} can be replayed. */
    PAYLOAD("__streams.errors.payload"),
    /** For production failures: the topic the failed output record was meant for. */
    OUTPUT_TOPIC("__streams.errors.output.topic"),
    REPLAY_OF("streamsuite.replay.of"),
    REPLAY_AT("streamsuite.replay.at");

    /** Headers with this prefix describe a failure and are dropped when a dead letter is replayed. */
    static final String ERROR_PREFIX = "__streams.errors.";
    private static final String REPLAY_PREFIX = "streamsuite.replay.";

    private final String key;

    DeadLetterHeader(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The last value of this header as UTF-8 text, or null when absent or null. */
    public String read(Headers headers) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    void write(Headers headers, String value) {
        headers.remove(key);
        headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** True for headers that belong to a failure or an earlier replay rather than to the record itself. */
    static boolean isBookkeeping(String headerKey) {
        return headerKey.startsWith(ERROR_PREFIX) || headerKey.startsWith(REPLAY_PREFIX);
    }

    /** What the key and value bytes of a dead letter are. */
    public enum Payload {
        /** The source record's raw bytes, exactly as consumed: replayable. */
        SOURCE,
        /** The serialized output record that could not be sent (the source bytes were already released). */
        OUTPUT,
        /** No bytes were available (e.g. the failure came from a punctuator). */
        NONE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Payload fromTag(String tag) {
            if (tag == null) {
                return SOURCE;
            }
            for (Payload payload : values()) {
                if (payload.tag().equals(tag)) {
                    return payload;
                }
            }
            return NONE;
        }
    }
}
