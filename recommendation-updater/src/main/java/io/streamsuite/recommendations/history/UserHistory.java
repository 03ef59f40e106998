package io.streamsuite.recommendations.history;

import io.streamsuite.recommendations.BinaryFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One user's bounded state: the most recent distinct items with the strongest signal seen for each
 * (newest first), the most recent purchases, and the candidates currently offered with the score they were
 * offered with (stock not applied). Every list is capped, so the store stays bounded per user however long the
 * user shops.
 *
 * <p>Each recent item carries the sequence number of the interaction that last touched it, and the history a
 * fade base: an item's recency weight grows with its sequence number above the base (see {@code
 * CandidateScorer}), so a new interaction leaves the weights of the older items as they were.
 *
 * <p>{@code publishedAt} is the time of the user's last published recommendations ({@link #NEVER_PUBLISHED}: none):
 * with the offered candidates and the stock it is all that published record holds, so the recommendations store is
 * derived from the histories instead of being a second changelog.
 */
public record UserHistory(List<Seen> recent, List<String> purchased, Map<String, Double> offered, long fadeBase,
                          long publishedAt) {

    /** An item the user acted on: the strongest weight seen, when it was last seen, and that interaction's number. */
    public record Seen(String itemId, double weight, long time, long sequence) {
    }

    /** The {@code publishedAt} of a user whose recommendations were never published. */
    public static final long NEVER_PUBLISHED = Long.MIN_VALUE;

    public static final UserHistory EMPTY = new UserHistory(List.of(), List.of(), Map.of(), 0, NEVER_PUBLISHED);

    /** Format 3 added {@code publishedAt}. */
    public static final Serde<UserHistory> SERDE = BinaryFormat.serde("user history", 3,
            UserHistory::write, UserHistory::read);

    /** The same history with other offered candidates and publication time. */
    public UserHistory offering(Map<String, Double> nextOffered, long nextPublishedAt) {
        return new UserHistory(recent, purchased, nextOffered, fadeBase, nextPublishedAt);
    }

    /** The number the next interaction gets. */
    public long nextSequence() {
        return recent.isEmpty() ? fadeBase : recent.get(0).sequence() + 1;
    }

    /** The history after {@code seen}: the item moves to the front with the stronger of its weights. */
    public List<Seen> recentAfter(Seen seen, int limit) {
        List<Seen> next = new ArrayList<>(Math.min(limit, recent.size() + 1));
        double weight = seen.weight();
        for (Seen old : recent) {
            if (old.itemId().equals(seen.itemId())) {
                weight = Math.max(weight, old.weight());
            }
        }
        next.add(new Seen(seen.itemId(), weight, Math.max(seen.time(), timeOf(seen.itemId())), seen.sequence()));
        for (Seen old : recent) {
            if (next.size() == limit) {
                break;
            }
            if (!old.itemId().equals(seen.itemId())) {
                next.add(old);
            }
        }
        return List.copyOf(next);
    }

    /** The purchases after buying {@code itemId}: newest first, at most {@code limit}. */
    public List<String> purchasedAfter(String itemId, int limit) {
        List<String> next = new ArrayList<>(Math.min(limit, purchased.size() + 1));
        next.add(itemId);
        for (String old : purchased) {
            if (next.size() == limit) {
                break;
            }
            if (!old.equals(itemId)) {
                next.add(old);
            }
        }
        return List.copyOf(next);
    }

    private long timeOf(String itemId) {
        for (Seen old : recent) {
            if (old.itemId().equals(itemId)) {
                return old.time();
            }
        }
        return Long.MIN_VALUE;
    }

    private static void write(DataOutputStream out, UserHistory history) throws IOException {
        out.writeLong(history.fadeBase);
        out.writeShort(history.recent.size());
        for (Seen seen : history.recent) {
            out.writeUTF(seen.itemId());
            out.writeDouble(seen.weight());
            out.writeLong(seen.time());
            out.writeLong(seen.sequence());
        }
        out.writeShort(history.purchased.size());
        for (String itemId : history.purchased) {
            out.writeUTF(itemId);
        }
        out.writeShort(history.offered.size());
        for (Map.Entry<String, Double> offer : history.offered.entrySet()) {
            out.writeUTF(offer.getKey());
            out.writeDouble(offer.getValue());
        }
        out.writeLong(history.publishedAt);
    }

    /**
     * Version 1 had no sequence numbers: its items are numbered by their rank (newest highest), base 0. Versions 1
     * and 2 had no publication time (the recommendations had a store of their own): a user with candidates is taken
     * as published at their latest interaction, so the derived store holds them again after an upgrade.
     */
    private static UserHistory read(DataInputStream in, int version) throws IOException {
        long fadeBase = version >= 2 ? in.readLong() : 0;
        int recentCount = in.readUnsignedShort();
        List<Seen> recent = new ArrayList<>(recentCount);
        for (int i = 0; i < recentCount; i++) {
            String itemId = in.readUTF();
            double weight = in.readDouble();
            long time = in.readLong();
            long sequence = version >= 2 ? in.readLong() : recentCount - 1 - i;
            recent.add(new Seen(itemId, weight, time, sequence));
        }
        int purchasedCount = in.readUnsignedShort();
        List<String> purchased = new ArrayList<>(purchasedCount);
        for (int i = 0; i < purchasedCount; i++) {
            purchased.add(in.readUTF());
        }
        int offeredCount = in.readUnsignedShort();
        Map<String, Double> offered = new LinkedHashMap<>();
        for (int i = 0; i < offeredCount; i++) {
            offered.put(in.readUTF(), in.readDouble());
        }
        long publishedAt = version >= 3 ? in.readLong()
                : offered.isEmpty() || recent.isEmpty() ? NEVER_PUBLISHED : recent.get(0).time();
        return new UserHistory(List.copyOf(recent), List.copyOf(purchased), offered, fadeBase, publishedAt);
    }
}
