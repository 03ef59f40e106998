package io.streamsuite.kit.serde;

import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * The registry's HTTPS certificate is not trusted by the configured trust store (or the JDK's default): a setup
 * problem, like a refused login, so fatal and never a dead letter; retrying cannot fix it.
 */
public class SchemaRegistryUntrustedException extends SslAuthenticationException {

    public SchemaRegistryUntrustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
