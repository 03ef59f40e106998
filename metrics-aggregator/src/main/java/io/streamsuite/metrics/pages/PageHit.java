package io.streamsuite.metrics.pages;

import io.streamsuite.schemas.web.PageView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

    private static byte[] encode(PageHit hit) {
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

    private static PageHit decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("unknown page hit encoding version " + version);
            }
            boolean tick = in.readBoolean();
            boolean visitor = in.readBoolean();
            int status = in.readInt();
            long latency = in.readLong();
            long eventTime = in.readLong();
            String userId = in.readUTF();
            String eventId = in.readUTF();
            return new PageHit(eventId, userId, status, latency, eventTime, visitor, tick);
        } catch (IOException e) {
            throw new SerializationException("not a page hit: " + e.getMessage(), e);
        }
    }
}
