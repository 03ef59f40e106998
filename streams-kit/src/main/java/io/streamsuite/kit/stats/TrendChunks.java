package io.streamsuite.kit.stats;

import java.nio.ByteBuffer;
import java.util.function.LongFunction;

/**
 * A {@link TrendWindow} stored as a small head plus chunks of {@code chunkSize} points that are written once
 * each, for a window that changes with every point: each point then costs its share of the head (the points
 * after the last complete chunk) and, every {@code chunkSize} points, one chunk, instead of the whole window.
 *
 * <p>The window is the last {@code size} points of its series; point {@code i} of the series is in chunk
 * {@code i / chunkSize}. A chunk is written when its last point arrives ({@link #completes}), under the key
 * slot {@link #slot} of its series (a chunk overwrites one that has left the window: there are
 * {@link #slots} per series). Reading back: {@link #readHead}, then {@link #assemble} with the chunks the head
 * names. A window read from {@link TrendWindow#SERDE}'s layout has no chunks written yet: write
 * {@link #firstChunk} to {@link #lastChunk} with {@link #chunk} before relying on them.
 *
 * <p>Layouts (big-endian): head = capacity (short), size (short), points added (long), then the head's points;
 * chunk = its points. Points = count (short), then per point the time (long) and the value (float).
 */
public final class TrendChunks {

    private static final int POINT_BYTES = Long.BYTES + Float.BYTES;

    private final int chunkSize;

    public TrendChunks(int chunkSize) {
        if (chunkSize < 1 || chunkSize > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a chunk holds 1 to " + Short.MAX_VALUE + " points, not " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /** Chunk keys per series: enough that a chunk's slot is reused only once it has left the window. */
    public int slots(int capacity) {
        return (capacity + chunkSize - 1) / chunkSize;
    }

    public int slot(int capacity, long chunk) {
        return (int) (chunk % slots(capacity));
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * True when {@code after}, a window that had {@code addedBefore} points added, took a point that completed a
     * chunk (its {@link #lastChunk}), which is then to be written.
     */
    public boolean completes(long addedBefore, TrendWindow after) {
        return after.added() != addedBefore && after.added() % chunkSize == 0;
    }

    /** The oldest chunk holding points of the window before its head; greater than {@link #lastChunk} when none. */
    public long firstChunk(long added, int size) {
        return (added - size) / chunkSize;
    }

    /** The newest complete chunk (the one before the head's points); -1 when none. */
    public long lastChunk(long added) {
        return added / chunkSize - 1;
    }

    public int headBytes(TrendWindow window) {
        return 2 + 2 + Long.BYTES + pointsBytes(headPoints(window));
    }

    public void writeHead(TrendWindow window, ByteBuffer out) {
        out.putShort((short) window.capacity()).putShort((short) window.size()).putLong(window.added());
        int points = headPoints(window);
        writePoints(window, window.size() - points, points, out);
    }

    public Head readHead(ByteBuffer in) {
        int capacity = in.getShort();
        int size = in.getShort();
        long added = in.getLong();
        TrendWindow.checkCapacity(capacity);
        if (size < 0 || size > capacity || added < size) {
            throw new IllegalArgumentException("capacity " + capacity + ", size " + size + ", added " + added);
        }
        Points points = readPoints(in);
        if (points.times.length != Math.min(size, added % chunkSize)) {
            throw new IllegalArgumentException(points.times.length + " head points for " + size + " of " + added);
        }
        return new Head(capacity, size, added, points);
    }

    /** The bytes of a complete chunk: its points that are in the window. */
    public byte[] chunk(TrendWindow window, long chunk) {
        long start = window.added() - window.size();
        long from = Math.max(chunk * chunkSize, start);
        long to = (chunk + 1) * chunkSize;
        if (to > window.added() || from >= to) {
            throw new IllegalArgumentException("chunk " + chunk + " is not a complete chunk of the window");
        }
        int count = (int) (to - from);
        ByteBuffer out = ByteBuffer.allocate(pointsBytes(count));
        writePoints(window, (int) (from - start), count, out);
        return out.array();
    }

    /** The window of {@code head}, its older points from the chunks it names ({@code chunks}: chunk number to bytes, null when missing). */
    public TrendWindow assemble(Head head, LongFunction<byte[]> chunks) {
        int size = head.size;
        long start = head.added - size;
        long[] times = new long[size];
        float[] values = new float[size];
        int at = 0;
        for (long chunk = firstChunk(head.added, size); chunk <= lastChunk(head.added); chunk++) {
            byte[] bytes = chunks.apply(chunk);
            if (bytes == null) {
                throw new IllegalStateException("trend chunk " + chunk + " is missing");
            }
            Points points = readPoints(ByteBuffer.wrap(bytes));
            int needed = (int) ((chunk + 1) * chunkSize - Math.max(chunk * chunkSize, start));
            if (points.times.length < needed) {
                throw new IllegalStateException("trend chunk " + chunk + " holds " + points.times.length + " points, not " + needed);
            }
            int skip = points.times.length - needed;
            System.arraycopy(points.times, skip, times, at, needed);
            System.arraycopy(points.values, skip, values, at, needed);
            at += needed;
        }
        System.arraycopy(head.points.times, 0, times, at, head.points.times.length);
        System.arraycopy(head.points.values, 0, values, at, head.points.values.length);
        at += head.points.times.length;
        if (at != size) {
            throw new IllegalStateException(at + " trend points read for a window of " + size);
        }
        return new TrendWindow(head.capacity, times, values, size == 0 ? Double.NaN : values[size - 1], head.added);
    }

    private int headPoints(TrendWindow window) {
        return (int) Math.min(window.size(), window.added() % chunkSize);
    }

    private static int pointsBytes(int count) {
        return 2 + count * POINT_BYTES;
    }

    private static void writePoints(TrendWindow window, int from, int count, ByteBuffer out) {
        out.putShort((short) count);
        for (int i = from; i < from + count; i++) {
            out.putLong(window.time(i)).putFloat(window.storedValue(i));
        }
    }

    private static Points readPoints(ByteBuffer in) {
        int count = in.getShort();
        if (count < 0) {
            throw new IllegalArgumentException("a negative point count");
        }
        long[] times = new long[count];
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            times[i] = in.getLong();
            values[i] = in.getFloat();
        }
        return new Points(times, values);
    }

    private record Points(long[] times, float[] values) {
    }

    /** A stored window's head: its shape and the points after its last complete chunk. */
    public static final class Head {
        private final int capacity;
        private final int size;
        private final long added;
        private final Points points;

        private Head(int capacity, int size, long added, Points points) {
            this.capacity = capacity;
            this.size = size;
            this.added = added;
            this.points = points;
        }

        public int capacity() {
            return capacity;
        }

        public int size() {
            return size;
        }

        public long added() {
            return added;
        }
    }
}
