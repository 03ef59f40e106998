package io.streamsuite.kit.serde;

import org.apache.kafka.common.errors.AuthorizationException;

/** The registry refused our credentials (401/403): a setup problem, not a bad record, so never a dead letter. */
public class SchemaRegistryAccessDeniedException extends AuthorizationException {

    public SchemaRegistryAccessDeniedException(String message) {
        super(message);
    }
}
