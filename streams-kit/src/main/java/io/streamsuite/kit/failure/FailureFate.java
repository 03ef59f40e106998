package io.streamsuite.kit.failure;

/**
 * What becomes of a record, or of the service, when something fails. {@link FailureFates#of(Throwable)} decides;
 * the three dead-letter handlers and the stream-thread exception handler all ask it, so this table is the
 * whole story (it is repeated in streams-kit/README.md):
 *
 * <table>
 *   <caption>Where a failure goes</caption>
 *   <tr><th>failure</th><th>fate</th></tr>
 *   <tr><td>bytes that are not the wire format, not Avro for their writer schema, or a writer schema the reader
 *       cannot read ({@code UndecodableRecordException} and its subclasses)</td><td>PERMANENT</td></tr>
 *   <tr><td>registry 404 with error code 40403 (schema id not found), or another 404xx registry error body</td>
 *       <td>PERMANENT</td></tr>
 *   <tr><td>registry 409 (the output schema breaks the subject's compatibility rule), 422, other 4xx with a
 *       registry error body</td><td>PERMANENT</td></tr>
 *   <tr><td>an exception thrown by the service's own processor code; a serializer that refuses the output</td>
 *       <td>PERMANENT</td></tr>
 *   <tr><td>an output the broker rejects for good (too large for the topic, invalid)</td><td>PERMANENT</td></tr>
 *   <tr><td>registry unreachable: connection refused or reset, timeouts, 5xx, 408, 429, a 404 without a registry
 *       error body (a proxy, a replica behind), a 2xx that is not the registry's JSON, a redirect (a login page)
 *       ({@code SchemaRegistryUnavailableException})</td><td>TRANSIENT</td></tr>
 *   <tr><td>Kafka's retriable errors ({@code RetriableException}: timeouts, not enough replicas, leader moves)</td>
 *       <td>TRANSIENT</td></tr>
 *   <tr><td>state stores: {@code ProcessorStateException}, RocksDB errors, a full disk</td><td>TRANSIENT</td></tr>
 *   <tr><td>authentication or authorization refused, by the broker or the registry (401/403)</td><td>FATAL</td></tr>
 * </table>
 *
 * Anything else thrown while a record is processed is PERMANENT: the record is what differs from the ones that
 * pass, so it waits in the dead-letter topic for a fix and a replay.
 */
public enum FailureFate {

    /** This record will never pass: it goes to the dead-letter topic with its raw bytes, and the service goes on. */
    PERMANENT,

    /**
     * The record is fine, the world is not (yet): the stream thread fails, exactly-once aborts its transaction and
     * a replacement thread redoes the work. Never a dead letter. Too many replacements in a row turn liveness DOWN.
     */
    TRANSIENT,

    /**
     * Retrying cannot help without a person (credentials, ACLs): after a bounded number of attempts the service
     * stops its Streams client with one clear log line, and liveness goes DOWN.
     */
    FATAL
}
