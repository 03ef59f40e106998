package io.streamsuite.kit.serde;

/** The registry has no such schema id, subject, or schema under the subject (HTTP 404). */
public class SchemaNotFoundException extends SchemaRegistryException {

    public SchemaNotFoundException(String message, int errorCode) {
        super(message, 404, errorCode);
    }
}
