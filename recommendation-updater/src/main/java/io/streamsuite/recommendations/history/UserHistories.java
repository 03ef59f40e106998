package io.streamsuite.recommendations.history;

import io.streamsuite.kit.state.LiveValues;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's user histories as the history processor reads and writes them: decoded in memory between commits and
 * written to the store (changelogged) once per commit, only the users that changed ({@link #writeChanged}, run by
 * the task's commit hook), so an interaction costs no store read, decode, encode or changelog record of its own.
 * What a commit counts as processed is in the changelog, in the same transaction; a crash aborts both, and the
 * processor, initialized again after the restore, starts from the store with an empty copy.
 *
 * <p>On the kit's {@link LiveValues}: at most {@link #DECODED} histories, the least recently used leaving (a changed
 * one is written as it leaves, within the same transaction). Without a commit hook (a processor driven alone in a
 * test) every write goes to the store at once.
 */
final class UserHistories {

    /** Histories kept decoded per task (a few KB each), the most recently used; a changed one leaving is written. */
    static final int DECODED = 2048;

    private final LiveValues<String, UserHistory> live;
    private final boolean writeAtCommit;

    UserHistories(KeyValueStore<String, UserHistory> store, boolean writeAtCommit) {
        this.live = new LiveValues<>(DECODED, store::get, store::put);
        this.writeAtCommit = writeAtCommit;
    }

    /** The user's history (null: none yet). */
    UserHistory get(String userId) {
        return live.get(userId);
    }

    /** The user's history as it is now, given what the store held for them (a walk over the store). */
    UserHistory current(String userId, UserHistory stored) {
        UserHistory held = live.peek(userId);
        return held != null ? held : stored;
    }

    void put(String userId, UserHistory history) {
        live.put(userId, history);
        if (!writeAtCommit) {
            live.writeChanged();
        }
    }

    /** Writes every history changed since the last commit to the store. */
    void writeChanged() {
        live.writeChanged();
    }
}
