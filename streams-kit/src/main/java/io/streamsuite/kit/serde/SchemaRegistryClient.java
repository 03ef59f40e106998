package io.streamsuite.kit.serde;

import org.apache.avro.Schema;

/**
 * The Confluent schema registry API, as the serdes need it. Implementations cache what cannot change
 * (schema → id per subject, id → schema), so steady-state serde calls never reach the registry.
 * Failures: {@link SchemaRegistryUnavailableException} (transient), {@link SchemaNotFoundException},
 * {@link IncompatibleSchemaException}, {@link SchemaRegistryException}, {@link SchemaRegistryAccessDeniedException}.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it there) and returns its id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject, without registering it. */
    int lookup(String subject, Schema schema);

    Schema schemaById(int id);

    RegisteredSchema latest(String subject);

    /** Whether the schema may be registered next under the subject (true when the subject does not exist yet). */
    boolean isCompatible(String subject, Schema schema);

    void setCompatibility(String subject, CompatibilityLevel level);
}
