package io.streamsuite.recommendations.cooccurrence;

import io.streamsuite.recommendations.BinaryFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Items seen together with the record's key item in one user's recent history, each with the pair's weight,
 * and the event time they were seen at (the related items decay by it; an aggregator sees no record time).
 */
public record PairBatch(List<Pair> pairs, long time) {

    /** One item seen with the key item, and how strongly. */
    public record Pair(String itemId, double weight) {
    }

    /** The time of a batch written by format 1 (before batches carried one): no decay is applied to it. */
    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    /** Format 2 added the time; format 1 batches may still sit in the pairs repartition topic at an upgrade. */
    public static final Serde<PairBatch> SERDE = BinaryFormat.serde("pair batch", 2, PairBatch::write, PairBatch::read);

    private static void write(DataOutputStream out, PairBatch batch) throws IOException {
        out.writeLong(batch.time);
        out.writeShort(batch.pairs.size());
        for (Pair pair : batch.pairs) {
            out.writeUTF(pair.itemId());
            out.writeDouble(pair.weight());
        }
    }

    private static PairBatch read(DataInputStream in, int version) throws IOException {
        long time = version >= 2 ? in.readLong() : UNKNOWN_TIME;
        int count = in.readUnsignedShort();
        List<Pair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(new Pair(in.readUTF(), in.readDouble()));
        }
        return new PairBatch(List.copyOf(pairs), time);
    }
}
