package io.streamsuite.kit.deadletter;

import java.util.List;

/** {@code {"entries":[{"partition":0,"offset":12}], "force": false}} */
public record ReplayRequest(List<EntryRef> entries, Boolean force) {

    /** Absent means no: a dead letter is replayed once unless the caller insists. */
    public boolean forced() {
        return Boolean.TRUE.equals(force);
    }

    /** A dead letter by its position in the DLQ. */
    public record EntryRef(Integer partition, Long offset) {
        String key() {
            return partition + "/" + offset;
        }
    }
}
