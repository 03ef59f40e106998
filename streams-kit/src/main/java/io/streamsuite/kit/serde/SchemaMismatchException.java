package io.streamsuite.kit.serde;

/** The writer's schema cannot be resolved against the reader's (not compatible, or no class to read into). */
public class SchemaMismatchException extends UndecodableRecordException {

    public SchemaMismatchException(String topic, int schemaId, String reason) {
        super(topic, schemaId, reason, null);
    }
}
