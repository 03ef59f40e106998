package io.streamsuite.metrics.sessions;

import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.schemas.web.PageView;
import io.streamsuite.schemas.web.UserSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;

/**
 * Session windows per user, final results only, with the sessions that may still change live in
 * memory: a view costs a look at its user's few sessions, and the sessions it changed reach the
 * session store (and its changelog) once per commit through a {@link CommitHook}. The DSL's session
 * aggregation instead seeks the store for every view and removes and re-puts the session.
 *
 * <p>The rules are those of {@code windowedBy(SessionWindows.ofInactivityGapAndGrace)
 * .emitStrategy(onWindowClose)}: a view joins every session of its user within the gap of it (a
 * late view that bridges two sessions merges them); it is dropped when the merged session ends
 * before stream time minus grace minus gap (the close time); sessions that end before the close
 * time are emitted once, oldest end first, stamped with their end. Stream time is the task's, which
 * Kafka Streams commits with the offsets: after a restart the close time, and so what was emitted,
 * follows from it, and the sessions that can still change are read back from the store.
 *
 * <p>Memory holds every stored session of its task that ends at or after a horizon one gap before
 * the close time; only those can take part in a view that is not dropped. A view older than the
 * horizon is served from the store itself, after its user's pending changes are written there.
 */
public final class LiveSessions implements Processor<String, PageView, String, UserSession> {

    private static final Comparator<Live> BY_END = Comparator.<Live>comparingLong(live -> live.end)
            .thenComparing(live -> live.user).thenComparingLong(live -> live.start);

    private final long gap;
    private final long grace;
    private final String storeName;
    private final String hookName;
    private final Map<String, List<Live>> byUser = new HashMap<>();
    private final TreeSet<Live> byEnd = new TreeSet<>(BY_END);
    /** Store entries of sessions merged into others since the last write. */
    private final List<Windowed<String>> merged = new ArrayList<>();

    private ProcessorContext<String, UserSession> context;
    private SessionStore<String, UserSession> store;
    private long horizon;
    private long lastCloseTime;

    public LiveSessions(long gap, long grace, String storeName, String hookName) {
        this.gap = gap;
        this.grace = grace;
        this.storeName = storeName;
        this.hookName = hookName;
    }

    /** A session; {@code stored} is the store entry holding its last written value (null: none yet). */
    private static final class Live {
        final String user;
        long start;
        long end;
        UserSession value;
        Windowed<String> stored;
        boolean changed;

        Live(String user, long start, long end, UserSession value) {
            this.user = user;
            this.start = start;
            this.end = end;
            this.value = value;
        }

        Windowed<String> key() {
            return new Windowed<>(user, new SessionWindow(start, end));
        }
    }

    @Override
    public void init(ProcessorContext<String, UserSession> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        byUser.clear();
        byEnd.clear();
        merged.clear();
        CommitHook.of(context, hookName).beforeCommit(this, this::writeChanged);
        long streamTime = context.currentStreamTimeMs();
        lastCloseTime = streamTime < 0 ? -1 : streamTime - grace - gap;
        horizon = streamTime < 0 ? 0 : Math.max(0, lastCloseTime - gap);
        try (KeyValueIterator<Windowed<String>, UserSession> sessions = store.findSessions(null, null, horizon, Long.MAX_VALUE)) {
            sessions.forEachRemaining(this::remember);
        }
    }

    private void remember(KeyValue<Windowed<String>, UserSession> session) {
        Live live = new Live(session.key.key(), session.key.window().start(), session.key.window().end(), session.value);
        live.stored = session.key;
        add(live);
    }

    @Override
    public void process(Record<String, PageView> record) {
        String user = record.key();
        long time = record.timestamp();
        long closeTime = Math.max(context.currentStreamTimeMs(), time) - grace - gap;
        if (time - gap >= horizon) {
            aggregate(user, record.value(), time, closeTime);
        } else {
            aggregateInStore(user, record.value(), time, closeTime);
        }
        emitClosed(closeTime, record);
    }

    private void aggregate(String user, PageView view, long time, long closeTime) {
        List<Live> sessions = byUser.get(user);
        List<Live> joined = new ArrayList<>(2);
        long start = time;
        long end = time;
        UserSession value = UserSessions.empty();
        if (sessions != null) {
            for (Live live : sessions) {
                if (live.end >= time - gap && live.start <= time + gap) {
                    joined.add(live);
                }
            }
            joined.sort(BY_END);
            for (Live live : joined) {
                value = UserSessions.merge(user, value, live.value);
                start = Math.min(start, live.start);
                end = Math.max(end, live.end);
            }
        }
        if (end < closeTime) {
            return;
        }
        value = UserSessions.add(user, view, value);
        if (joined.size() == 1 && joined.get(0).start == start && joined.get(0).end == end) {
            Live same = joined.get(0);
            same.value = value;
            same.changed = true;
            return;
        }
        for (Live live : joined) {
            forget(live);
            if (live.stored != null) {
                merged.add(live.stored);
            }
        }
        Live session = new Live(user, start, end, value);
        session.changed = true;
        add(session);
    }

    /** A view older than the horizon: as the DSL does it, on the store, then the user's sessions read back. */
    private void aggregateInStore(String user, PageView view, long time, long closeTime) {
        writeMerged();
        List<Live> sessions = byUser.getOrDefault(user, List.of());
        for (Live live : sessions) {
            write(live);
        }
        List<KeyValue<Windowed<String>, UserSession>> joined = new ArrayList<>();
        long start = time;
        long end = time;
        UserSession value = UserSessions.empty();
        try (KeyValueIterator<Windowed<String>, UserSession> found = store.findSessions(user, time - gap, time + gap)) {
            while (found.hasNext()) {
                KeyValue<Windowed<String>, UserSession> session = found.next();
                joined.add(session);
                value = UserSessions.merge(user, value, session.value);
                start = Math.min(start, session.key.window().start());
                end = Math.max(end, session.key.window().end());
            }
        }
        if (end < closeTime) {
            return;
        }
        for (KeyValue<Windowed<String>, UserSession> session : joined) {
            store.remove(session.key);
        }
        store.put(new Windowed<>(user, new SessionWindow(start, end)), UserSessions.add(user, view, value));
        for (Live live : List.copyOf(sessions)) {
            forget(live);
        }
        try (KeyValueIterator<Windowed<String>, UserSession> kept = store.findSessions(user, horizon, Long.MAX_VALUE)) {
            kept.forEachRemaining(this::remember);
        }
    }

    /** Sessions ending before the close time, once each, oldest end first; then memory past the horizon let go. */
    private void emitClosed(long closeTime, Record<String, PageView> cause) {
        if (closeTime <= lastCloseTime) {
            return;
        }
        Live from = new Live("", Long.MIN_VALUE, Math.max(0, lastCloseTime), null);
        for (Live live : byEnd.tailSet(from)) {
            if (live.end >= closeTime) {
                break;
            }
            context.forward(cause.withKey(live.user).withValue(live.value).withTimestamp(live.end));
        }
        lastCloseTime = closeTime;
        long nextHorizon = Math.max(horizon, closeTime - gap);
        if (!byEnd.isEmpty() && byEnd.first().end < nextHorizon) {
            writeMerged();
            for (Iterator<Live> it = byEnd.iterator(); it.hasNext(); ) {
                Live live = it.next();
                if (live.end >= nextHorizon) {
                    break;
                }
                write(live);
                it.remove();
                List<Live> sessions = byUser.get(live.user);
                sessions.remove(live);
                if (sessions.isEmpty()) {
                    byUser.remove(live.user);
                }
            }
        }
        horizon = nextHorizon;
    }

    /** Before each commit: merged-away entries out of the store, changed sessions into it. */
    private void writeChanged() {
        writeMerged();
        for (Live live : byEnd) {
            write(live);
        }
    }

    private void writeMerged() {
        for (Windowed<String> key : merged) {
            store.remove(key);
        }
        merged.clear();
    }

    private void write(Live live) {
        if (!live.changed) {
            return;
        }
        Windowed<String> key = live.key();
        if (live.stored != null && !live.stored.equals(key)) {
            store.remove(live.stored);
        }
        store.put(key, live.value);
        live.stored = key;
        live.changed = false;
    }

    private void add(Live live) {
        byEnd.add(live);
        byUser.computeIfAbsent(live.user, user -> new ArrayList<>(2)).add(live);
    }

    private void forget(Live live) {
        byEnd.remove(live);
        List<Live> sessions = byUser.get(live.user);
        sessions.remove(live);
        if (sessions.isEmpty()) {
            byUser.remove(live.user);
        }
    }
}
