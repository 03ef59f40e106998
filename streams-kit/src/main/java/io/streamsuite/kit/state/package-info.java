/**
 * State kept live in memory and written once per commit: {@link io.streamsuite.kit.state.CommitHook} runs a
 * processor's pending writes to its real stores inside each Kafka Streams commit, so they reach the changelog in
 * the same exactly-once transaction as the offsets of the records they account for;
 * {@link io.streamsuite.kit.state.LiveValues} keeps a store's values decoded in memory and writes the changed
 * ones back through it.
 */
package io.streamsuite.kit.state;
