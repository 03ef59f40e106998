package io.streamsuite.kit.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The registry answered, and refused the request for good (a 4xx other than an auth failure), or answered nonsense. */
public class SchemaRegistryException extends SerializationException {

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
    }

    /** The HTTP status, or -1 when the failure was not an HTTP answer. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code} (e.g. 40403), or -1 when it gave none. */
    public int errorCode() {
        return errorCode;
    }
}
