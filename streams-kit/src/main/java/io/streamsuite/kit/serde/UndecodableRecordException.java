package io.streamsuite.kit.serde;

import java.util.OptionalInt;

import org.apache.kafka.common.errors.SerializationException;

/**
 * These bytes can never become a record (too short, not Avro, and the subclasses' reasons). Permanent: the
 * record belongs in the dead-letter topic.
 */
public class UndecodableRecordException extends SerializationException {

    private final String topic;
    private final Integer schemaId;
    private final String reason;

    public UndecodableRecordException(String topic, Integer schemaId, String reason, Throwable cause) {
        super("Cannot decode record from topic '" + topic + "'"
                + (schemaId == null ? "" : " (schema id " + schemaId + ")") + ": " + reason, cause);
        this.topic = topic;
        this.schemaId = schemaId;
        this.reason = reason;
    }

    public String topic() {
        return topic;
    }

    /** The schema id the bytes name, when they got that far. */
    public OptionalInt schemaId() {
        return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
    }

    public String reason() {
        return reason;
    }
}
