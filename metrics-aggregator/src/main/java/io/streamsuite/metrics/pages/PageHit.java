package io.streamsuite.metrics.pages;

import io.streamsuite.schemas.web.PageView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What the page aggregations need of a page view, keyed by page on the one repartition all of them
 * share; or a tick that only carries stream time (see {@code StreamTimeTicks}). Internal: written
 * and read by this service only, so a compact hand-written encoding rather than a registry schema.
 *
 * @param visitor false for uptime probes (PageView v2's {@code synthetic}): they are views, not visitors
 */
public record PageHit(String eventId, String userId, int httpStatus, long latencyMs, long eventTime, boolean visitor,
                      boolean tick) {

    /** Never a page path (those start with '/'), so no page collides with the ticks' windows. */
    public static final String TICK_KEY = "#tick";
    public static final PageHit TICK = new PageHit("", "", 0, 0, 0, false, true);

    private static final byte VERSION = 1;

    /** Of a view that passed {@link PagePaths#requireValid}. */
    public static PageHit of(PageView view) {
        return new PageHit(view.getEventId(), view.getUserId(), view.getHttpStatus(), view.getLatencyMs(),
                view.getEventTime().toEpochMilli(), !Boolean.TRUE.equals(view.getSynthetic()), false);
    }

    public boolean isTick() {
        return tick;
    }

    public boolean isServerError() {
        return httpStatus >= 500;
    }

    public static final Serde<PageHit> SERDE = Serdes.serdeFrom(
            (topic, hit) -> hit == null ? null : encode(hit),
            (topic, bytes) -> bytes == null ? null : decode(bytes));

    /** Fixed-size part: version, tick, visitor, status, latency, event time. */
    private static final int FIXED_BYTES = 1 + 1 + 1 + 4 + 8 + 8;

    /**
     * DataOutputStream's layout (big-endian, strings as {@code writeUTF}), written straight into one array: ids are
     * ASCII, whose modified UTF-8 is their bytes. Other text takes {@link #encodeWithDataOutput}, the same bytes.
     */
    private static byte[] encode(PageHit hit) {
        byte[] user = ascii(hit.userId);
        byte[] event = ascii(hit.eventId);
        if (user == null || event == null) {
            return encodeWithDataOutput(hit);
        }
        ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + 2 + user.length + 2 + event.length);
        out.put(VERSION).put(flag(hit.tick)).put(flag(hit.visitor)).putInt(hit.httpStatus).putLong(hit.latencyMs)
                .putLong(hit.eventTime).putShort((short) user.length).put(user).putShort((short) event.length).put(event);
        return out.array();
    }

    static byte[] encodeWithDataOutput(PageHit hit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeBoolean(hit.tick);
            out.writeBoolean(hit.visitor);
            out.writeInt(hit.httpStatus);
            out.writeLong(hit.latencyMs);
            out.writeLong(hit.eventTime);
            out.writeUTF(hit.userId);
            out.writeUTF(hit.eventId);
        } catch (IOException e) {
            throw new SerializationException("cannot encode a page hit", e);
        }
        return bytes.toByteArray();
    }

    private static byte flag(boolean value) {
        return value ? (byte) 1 : (byte) 0;
    }

    /** The text's bytes if every char is 1..127 (modified UTF-8 writes NUL as two bytes), else null. */
    private static byte[] ascii(String text) {
        int length = text.length();
        if (length > 0xFFFF) {
            return null;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0 || c > 0x7F) {
                return null;
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    private static PageHit decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION) {
                throw new SerializationException("unknown page hit encoding version " + version);
            }
            boolean tick = in.get() != 0;
            boolean visitor = in.get() != 0;
            int status = in.getInt();
            long latency = in.getLong();
            long eventTime = in.getLong();
            String userId = readUtf(in);
            String eventId = readUtf(in);
            return new PageHit(eventId, userId, status, latency, eventTime, visitor, tick);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new SerializationException("not a page hit: too short", e);
        } catch (IOException e) {
            throw new SerializationException("not a page hit: " + e.getMessage(), e);
        }
    }

    /** As {@code DataInputStream.readUTF}, with ASCII read as is. */
    private static String readUtf(ByteBuffer in) throws IOException {
        int start = in.position();
        int length = in.getShort() & 0xFFFF;
        byte[] array = in.array();
        int from = in.position();
        if (from + length > in.limit()) {
            throw new BufferUnderflowException();
        }
        in.position(from + length);
        for (int i = from; i < from + length; i++) {
            if (array[i] <= 0) {
                return new DataInputStream(new ByteArrayInputStream(array, start, length + 2)).readUTF();
            }
        }
        return new String(array, from, length, StandardCharsets.ISO_8859_1);
    }
}
