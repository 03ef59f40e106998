package io.streamsuite.metrics.pages;

import java.nio.ByteBuffer;

/** Helpers of the page-minute store value ({@code PageMinute}: counts and two sketch images). */
public final class PageMinutes {

    private PageMinutes() {
    }

    public static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
