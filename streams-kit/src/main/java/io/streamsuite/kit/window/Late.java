package io.streamsuite.kit.window;

/**
 * A record that arrived after its window closed, with the window it missed and the stream time that
 * closed it: enough for a batch job to correct the window's published result.
 */
public record Late<V>(V value, long windowStart, long windowEnd, long streamTime) {
}
