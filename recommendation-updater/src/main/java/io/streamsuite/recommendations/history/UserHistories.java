package io.streamsuite.recommendations.history;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's user histories as the history processor reads and writes them: decoded in memory between commits and
 * written to the store (changelogged) once per commit, only the users that changed ({@link #writeChanged}, run by
 * the task's commit hook), so an interaction costs no store read, decode, encode or changelog record of its own.
 * What a commit counts as processed is in the changelog, in the same transaction; a crash aborts both, and the
 * processor, initialized again after the restore, starts from the store with an empty copy.
 *
 * <p>Bounded: the users changed since the last commit (at most the interactions of one commit interval) and the
 * {@link #DECODED} most recently used others. Without a commit hook (a processor driven alone in a test) every
 * write goes to the store at once.
 */
final class UserHistories {

    /** Unchanged histories kept decoded per task (a few KB each), the most recently used. */
    static final int DECODED = 2048;

    private final KeyValueStore<String, UserHistory> store;
    private final boolean writeAtCommit;
    /** Users whose history changed since the last commit: what the store still lacks. */
    private final Map<String, UserHistory> changed = new HashMap<>();
    private final Map<String, UserHistory> decoded = new LinkedHashMap<>(DECODED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UserHistory> eldest) {
            return size() > DECODED;
        }
    };

    UserHistories(KeyValueStore<String, UserHistory> store, boolean writeAtCommit) {
        this.store = store;
        this.writeAtCommit = writeAtCommit;
    }

    /** The user's history (null: none yet). */
    UserHistory get(String userId) {
        UserHistory history = changed.get(userId);
        if (history != null) {
            return history;
        }
        history = decoded.get(userId);
        if (history == null) {
            history = store.get(userId);
            if (history != null) {
                decoded.put(userId, history);
            }
        }
        return history;
    }

    /** The user's history as it is now, given what the store held for them (a walk over the store). */
    UserHistory current(String userId, UserHistory stored) {
        UserHistory history = changed.get(userId);
        return history != null ? history : stored;
    }

    void put(String userId, UserHistory history) {
        if (writeAtCommit) {
            changed.put(userId, history);
        } else {
            store.put(userId, history);
        }
        decoded.put(userId, history);
    }

    /** Writes every history changed since the last commit to the store. */
    void writeChanged() {
        changed.forEach(store::put);
        changed.clear();
    }

    /** Histories held that the store does not have yet. */
    int unwritten() {
        return changed.size();
    }
}
