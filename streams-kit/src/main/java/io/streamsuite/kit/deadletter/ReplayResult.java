package io.streamsuite.kit.deadletter;

import java.time.Instant;

/** The outcome of replaying one dead letter. */
public record ReplayResult(int partition, long offset, Outcome outcome, String sourceTopic, String replayedTo,
                           Instant replayedAt, String detail) {

    public enum Outcome {
        REPLAYED,
        /** Replayed before; send {@code "force": true} to replay again. */
        ALREADY_REPLAYED,
        /** The dead letter does not hold the source record's bytes, or names no source topic. */
        NOT_REPLAYABLE
    }
}
