package io.streamsuite.kit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendChunksTest {

    private static final TrendChunks CHUNKS = new TrendChunks(8);

    /** A store of one series: the head as last written, chunks by slot, written as {@link TrendChunks} says. */
    private static final class Series {
        final Map<Integer, byte[]> slots = new HashMap<>();
        byte[] head;
        int chunkWrites;

        void write(TrendWindow before, TrendWindow after) {
            if (CHUNKS.completes(before.added(), after)) {
                slots.put(CHUNKS.slot(after.capacity(), CHUNKS.lastChunk(after.added())), CHUNKS.chunk(after, CHUNKS.lastChunk(after.added())));
                chunkWrites++;
            }
            ByteBuffer out = ByteBuffer.allocate(CHUNKS.headBytes(after));
            CHUNKS.writeHead(after, out);
            assertThat(out.hasRemaining()).isFalse();
            head = out.array();
        }

        TrendWindow read() {
            TrendChunks.Head read = CHUNKS.readHead(ByteBuffer.wrap(head));
            return CHUNKS.assemble(read, chunk -> slots.get(CHUNKS.slot(read.capacity(), chunk)));
        }
    }

    @Test
    void aWindowReadBackFromItsHeadAndChunksFitsAsTheWindowDidAtEveryPoint() {
        Series series = new Series();
        TrendWindow window = TrendWindow.empty(20);
        for (int i = 0; i < 500; i++) {
            TrendWindow next = window.add(60_000L * i, 20 + 0.01 * i + Math.sin(i) * 0.3);
            series.write(window, next);
            window = next;
            TrendWindow read = series.read();
            assertThat(read.size()).isEqualTo(window.size());
            assertThat(read.added()).isEqualTo(window.added());
            assertThat(read.fit()).as("point %d", i).isEqualTo(window.asStored().fit());
        }
        // One chunk per 8 points; 3 slots (20 points) reused all along.
        assertThat(series.chunkWrites).isEqualTo(500 / 8);
        assertThat(series.slots).hasSize(CHUNKS.slots(20)).hasSize(3);
    }

    @Test
    void pointsDroppedForTheirAgeLeaveTheWindowAndTheChunksThatHeldThem() {
        Series series = new Series();
        TrendWindow window = TrendWindow.empty(50);
        for (int i = 0; i < 20; i++) {
            TrendWindow next = window.add(1_000L * i, i);
            series.write(window, next);
            window = next;
        }
        // Over Integer.MAX_VALUE ms later: every earlier point leaves the window.
        TrendWindow next = window.add(3_000_000_000L, 100);
        series.write(window, next);
        assertThat(next.size()).isEqualTo(1);
        TrendWindow read = series.read();
        assertThat(read.size()).isEqualTo(1);
        assertThat(read.added()).isEqualTo(21);
        for (int i = 1; i <= 10; i++) {
            TrendWindow later = next.add(3_000_000_000L + 1_000L * i, 100 + i);
            series.write(next, later);
            next = later;
        }
        assertThat(series.read().fit()).isEqualTo(next.asStored().fit());
    }

    @Test
    void aMissingChunkIsAnErrorNotAShorterWindow() {
        Series series = new Series();
        TrendWindow window = TrendWindow.empty(20);
        for (int i = 0; i < 12; i++) {
            TrendWindow next = window.add(i, i);
            series.write(window, next);
            window = next;
        }
        series.slots.clear();
        assertThatThrownBy(series::read).isInstanceOf(IllegalStateException.class).hasMessageContaining("chunk 0");
    }

    @Test
    void aHeadThatDoesNotMatchItsShapeIsRejected() {
        ByteBuffer bad = ByteBuffer.allocate(2 + 2 + 8 + 2).putShort((short) 20).putShort((short) 5).putLong(5).putShort((short) 0);
        assertThatThrownBy(() -> CHUNKS.readHead(ByteBuffer.wrap(bad.array()))).isInstanceOf(IllegalArgumentException.class);
    }
}
