package io.streamsuite.kit.serde;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The registry is down, too slow or answering 5xx, even after the configured retries. Transient: the record
 * is fine and must be retried later, never dead-lettered.
 */
public class SchemaRegistryUnavailableException extends RetriableException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
