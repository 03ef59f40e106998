package io.streamsuite.recommendations.recommend;

import io.streamsuite.recommendations.BinaryFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * An item that may be recommended to a user, with its score: one row of the stock join's left table,
 * keyed by {@link #key(String, String)}; its foreign key is the item id.
 */
public record Candidate(String userId, String itemId, double score, long time) {

    public static final Serde<Candidate> SERDE = BinaryFormat.serde("candidate", 1, Candidate::write, Candidate::read);

    /** The left table's key: one row per user and item. Ids never contain a slash (checked on input). */
    public static String key(String userId, String itemId) {
        return userId + "/" + itemId;
    }

    private static void write(DataOutputStream out, Candidate candidate) throws IOException {
        out.writeUTF(candidate.userId);
        out.writeUTF(candidate.itemId);
        out.writeDouble(candidate.score);
        out.writeLong(candidate.time);
    }

    private static Candidate read(DataInputStream in) throws IOException {
        return new Candidate(in.readUTF(), in.readUTF(), in.readDouble(), in.readLong());
    }
}
