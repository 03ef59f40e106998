/**
 * Processors that decide first and write after: {@link io.streamsuite.kit.processor.AllOrNothingProcessor}
 * stages a record's state writes and outputs on {@link io.streamsuite.kit.processor.RecordOutputs} and applies
 * them only once every output is serialized, so a failure leaves a dead letter with the raw bytes and no change.
 */
package io.streamsuite.kit.processor;
