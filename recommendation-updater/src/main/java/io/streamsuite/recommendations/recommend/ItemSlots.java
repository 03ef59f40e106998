package io.streamsuite.recommendations.recommend;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A number per item id, the same for every task of an instance, so a related-items list is turned into numbers once
 * (when first read after it changed) rather than by each task that scores from it. Bounded by the item ids seen in
 * related lists and purchases: a catalog's worth. Thread-safe; numbers are never reused.
 */
public final class ItemSlots {

    private final Map<String, Integer> slots = new ConcurrentHashMap<>();
    /** Item id per slot; a new slot's id is written before the array is published. */
    private volatile String[] ids = new String[256];
    private int count;

    public int slotOf(String itemId) {
        Integer slot = slots.get(itemId);
        if (slot != null) {
            return slot;
        }
        synchronized (this) {
            slot = slots.get(itemId);
            if (slot != null) {
                return slot;
            }
            int next = count++;
            String[] known = ids;
            if (next == known.length) {
                known = Arrays.copyOf(known, next * 2);
            }
            known[next] = itemId;
            ids = known;
            slots.put(itemId, next);
            return next;
        }
    }

    /** The item id of a slot this gave out. */
    public String idOf(int slot) {
        return ids[slot];
    }
}
