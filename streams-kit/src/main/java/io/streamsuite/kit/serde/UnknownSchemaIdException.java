package io.streamsuite.kit.serde;

/** The bytes name a schema id the registry does not know (404 / error 40403). */
public class UnknownSchemaIdException extends UndecodableRecordException {

    public UnknownSchemaIdException(String topic, int schemaId, Throwable cause) {
        super(topic, schemaId, "schema id " + schemaId + " is unknown to the registry", cause);
    }
}
