package io.streamsuite.kit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** What the replay log remembers of one replay: when, and where the bytes went ({@code topic/partition/offset}). */
public record ReplayMark(Instant replayedAt, String target) {

    byte[] encode() {
        return (replayedAt + " " + target).getBytes(StandardCharsets.UTF_8);
    }

    static ReplayMark decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        try {
            return space < 0 ? new ReplayMark(Instant.parse(text), null)
                    : new ReplayMark(Instant.parse(text.substring(0, space)), text.substring(space + 1));
        } catch (RuntimeException e) {
            // Written by someone else: still a replay, just without details.
            return new ReplayMark(null, text);
        }
    }
}
