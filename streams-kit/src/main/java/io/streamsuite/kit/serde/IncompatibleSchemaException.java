package io.streamsuite.kit.serde;

/** The registry refused to register a schema that breaks the subject's compatibility rule (HTTP 409). Permanent. */
public class IncompatibleSchemaException extends SchemaRegistryException {

    private final String subject;

    public IncompatibleSchemaException(String subject, String message) {
        super(message, 409, 409);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
