/**
 * Dead letters, with nothing for a service to do: {@link io.streamsuite.kit.deadletter.DeadLetterAutoConfiguration}
 * installs the three Kafka Streams handlers (KIP-1033/KIP-1034) and the REST API; {@link io.streamsuite.kit.deadletter.DeadLetters}
 * browses and replays. Header names live in {@link io.streamsuite.kit.deadletter.DeadLetterHeader}.
 */
package io.streamsuite.kit.deadletter;
