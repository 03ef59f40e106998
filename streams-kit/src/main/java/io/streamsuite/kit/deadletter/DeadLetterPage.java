package io.streamsuite.kit.deadletter;

import java.util.List;

/** A page of dead letters, newest first; pass {@code nextCursor} as {@code before} for older ones (null: no more). */
public record DeadLetterPage(String topic, List<DeadLetterEntry> entries, String nextCursor) {
}
