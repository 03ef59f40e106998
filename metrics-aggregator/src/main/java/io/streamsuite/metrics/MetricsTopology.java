package io.streamsuite.metrics;

import static io.streamsuite.metrics.MetricsTopics.ALERTS;
import static io.streamsuite.metrics.MetricsTopics.ALERT_STATE_STORE;
import static io.streamsuite.metrics.MetricsTopics.LATE_PAGE_VIEWS;
import static io.streamsuite.metrics.MetricsTopics.PAGE_COUNTS;
import static io.streamsuite.metrics.MetricsTopics.PAGE_MINUTES_COMMIT_HOOK;
import static io.streamsuite.metrics.MetricsTopics.PAGE_MINUTES_STORE;
import static io.streamsuite.metrics.MetricsTopics.PAGE_VIEWS;
import static io.streamsuite.metrics.MetricsTopics.PAGE_VIEWS_BY_PAGE;
import static io.streamsuite.metrics.MetricsTopics.PAGE_WINDOWS_BY_WINDOW;
import static io.streamsuite.metrics.MetricsTopics.SESSIONS;
import static io.streamsuite.metrics.MetricsTopics.SESSIONS_COMMIT_HOOK;
import static io.streamsuite.metrics.MetricsTopics.SESSIONS_STORE;
import static io.streamsuite.metrics.MetricsTopics.TOP_PAGES_STORE;

import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.kit.window.LateRecords;
import io.streamsuite.kit.window.StreamTimeTicks;
import io.streamsuite.metrics.alerts.AlertTracks;
import io.streamsuite.metrics.alerts.PageAlerts;
import io.streamsuite.metrics.pages.LatePageViews;
import io.streamsuite.metrics.pages.PageHit;
import io.streamsuite.metrics.pages.LivePageMinutes;
import io.streamsuite.metrics.pages.PagePaths;
import io.streamsuite.metrics.sessions.LiveSessions;
import io.streamsuite.metrics.toppages.TopPagesRanking;
import io.streamsuite.schemas.web.LatePageView;
import io.streamsuite.schemas.web.PageAlert;
import io.streamsuite.schemas.web.PageMinute;
import io.streamsuite.schemas.web.PageView;
import io.streamsuite.schemas.web.PageViewWindow;
import io.streamsuite.schemas.web.TopPages;
import io.streamsuite.schemas.web.UserSession;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The analytics topology, a plain function of its settings and serdes.
 *
 * <pre>
 * web.page-views (key: user id, time: eventTime) → valid views only (else the dead-letter topic)
 *   ├─ people only → session windows (gap 30 m; live in memory) → store analytics.user-sessions → analytics.sessions (on close)
 *   └─ key by page → stream-time ticks → repartition page-views-by-page (the one repartition by page)
 *        → late gate ─ late → analytics.late-page-views (+ late-records-total{page})
 *        └─ on time → 1-minute tumbling windows (views, 5xx, latency DDSketch, visitor HLL; live in memory)
 *             → store analytics.page-minutes, written at each commit (REST: counts, latency merged over ranges, 5-minute visitors)
 *             → on window close: analytics.page-counts
 *                 ├─ alerts (store analytics.page-alert-state) → analytics.alerts
 *                 └─ key by window → repartition page-windows-by-window → top pages (store analytics.top-pages)
 * </pre>
 *
 * <p>Final results only, by the rules of {@code EmitStrategy.onWindowClose()} (not
 * {@code suppress(untilWindowCloses)}, which keeps a second copy of every open window in a buffer
 * with its own changelog, doubling the state and the writes per record): nothing before a window
 * closes, then exactly one record. Both aggregations are processors of their own that keep what may
 * still change live in memory and write it to their stores once per commit ({@link LivePageMinutes},
 * {@link LiveSessions}), where the DSL's aggregations read, decode, re-encode and store (sessions:
 * seek, remove and re-put) on every record. What was emitted follows from the task's stream time,
 * which Kafka Streams commits with the offsets, so a restart neither repeats nor skips a window.
 *
 * <p>Thin traffic: after the repartition each page partition's stream time moves only with its own
 * records, so a partition with few pages would hold its windows open. The user-keyed stage sends
 * ticks with its stream time to every page partition ({@link StreamTimeTicks}); windows close
 * within a tick interval of traffic anywhere. Sessions stay on the user key, in the input's own
 * partitions, so no tick is needed there.
 *
 * <p>Top pages need every page of a window in one place: the closed windows (one small record per
 * page and minute, not the page views) are re-keyed by window start and repartitioned once more.
 * A query-time merge across instances would work too, but would send every page of a window over
 * HTTP per query; here the answer is a single key lookup.
 */
public final class MetricsTopology {

    /** Page views are placed in time by when they were served, not when they were produced. */
    static final TimestampExtractor EVENT_TIME = (record, partitionTime) ->
            record.value() instanceof PageView view ? view.getEventTime().toEpochMilli() : record.timestamp();

    private MetricsTopology() {
    }

    public static Topology build(MetricsSettings settings, AvroSerdes serdes) {
        return build(settings, serdes, OutputVersion.NONE);
    }

    /** As {@link #build(MetricsSettings, AvroSerdes)}, writing the outputs under their versioned names. */
    public static Topology build(MetricsSettings settings, AvroSerdes serdes, OutputVersion outputs) {
        Serde<String> strings = Serdes.String();
        Serde<PageView> views = serdes.valueSerde(PageView.class);
        Serde<UserSession> sessions = serdes.valueSerde(UserSession.class);
        Serde<PageMinute> minutes = serdes.valueSerde(PageMinute.class);
        Serde<PageViewWindow> pageWindows = serdes.valueSerde(PageViewWindow.class);

        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, PageView> pageViews = builder
                .stream(PAGE_VIEWS, Consumed.with(strings, views).withTimestampExtractor(EVENT_TIME).withName("page-views-source"))
                .filter((user, view) -> view != null, Named.as("skip-tombstones"))
                // Before the branches, so a view the analytics cannot place touches no state at all.
                .mapValues(PagePaths::requireValid, Named.as("valid-page-views"));

        addSessions(builder, pageViews, settings, strings, sessions, outputs);

        KStream<String, PageHit> hits = pageViews
                .map((user, view) -> KeyValue.pair(view.getPage(), PageHit.of(view)), Named.as("key-by-page"))
                .process(StreamTimeTicks.emitter(settings.tickInterval(), PageHit.TICK_KEY, PageHit.TICK),
                        Named.as("stream-time-ticks"))
                .repartition(Repartitioned.with(strings, PageHit.SERDE).withName(PAGE_VIEWS_BY_PAGE)
                        .withStreamPartitioner(StreamTimeTicks.partitioner(strings.serializer(), PageHit::isTick)));

        LateRecords.Split<String, PageHit> split = LateRecords.split(hits, settings.window(), settings.grace(),
                PageHit::isTick, MetricsTopics.APPLICATION_ID, page -> page, "late-gate");
        split.late()
                .mapValues(LatePageViews::of, Named.as("late-page-view"))
                .to(outputs.topic(LATE_PAGE_VIEWS), Produced.with(strings, serdes.valueSerde(LatePageView.class)).withName("late-sink"));

        builder.addStateStore(Stores.timestampedWindowStoreBuilder(
                        Stores.persistentTimestampedWindowStore(PAGE_MINUTES_STORE, settings.retention(), settings.window(), false),
                        strings, minutes).withCachingDisabled());
        builder.addStateStore(CommitHook.builder(PAGE_MINUTES_COMMIT_HOOK));
        KStream<String, PageViewWindow> closed = split.onTime()
                .process(() -> new LivePageMinutes(settings.window().toMillis(), settings.grace().toMillis(),
                                settings.distinctCounts(), settings.quantiles(), PAGE_MINUTES_STORE, PAGE_MINUTES_COMMIT_HOOK),
                        Named.as("page-minutes"), PAGE_MINUTES_STORE, PAGE_MINUTES_COMMIT_HOOK);
        closed.to(outputs.topic(PAGE_COUNTS), Produced.with(strings, pageWindows).withName("page-counts-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_STATE_STORE),
                strings, AlertTracks.SERDE));
        closed.process(() -> new PageAlerts(settings.alerts(), settings.window().toMillis(), ALERT_STATE_STORE),
                        Named.as("page-alerts"), ALERT_STATE_STORE)
                .to(outputs.topic(ALERTS), Produced.with(strings, serdes.valueSerde(PageAlert.class)).withName("alerts-sink"));

        TopPagesRanking ranking = new TopPagesRanking(settings.topPages());
        closed.selectKey((page, window) -> window.getWindowStart().toEpochMilli(), Named.as("key-by-window"))
                .repartition(Repartitioned.with(Serdes.Long(), pageWindows).withName(PAGE_WINDOWS_BY_WINDOW))
                .groupByKey(Grouped.with(Serdes.Long(), pageWindows))
                .aggregate(TopPagesRanking::empty, (windowStart, window, top) -> ranking.add(window, top),
                        Named.as("top-pages"),
                        Materialized.<Long, TopPages, KeyValueStore<Bytes, byte[]>>as(TOP_PAGES_STORE)
                                .withKeySerde(Serdes.Long()).withValueSerde(serdes.valueSerde(TopPages.class)));
        return builder.build();
    }

    /** Probes (PageView v2's synthetic) are not people: they have no sessions. */
    private static void addSessions(StreamsBuilder builder, KStream<String, PageView> pageViews, MetricsSettings settings, Serde<String> strings,
                                    Serde<UserSession> sessions, OutputVersion outputs) {
        builder.addStateStore(Stores.sessionStoreBuilder(
                        Stores.persistentSessionStore(SESSIONS_STORE, settings.sessionRetention()), strings, sessions)
                .withCachingDisabled());
        builder.addStateStore(CommitHook.builder(SESSIONS_COMMIT_HOOK));
        pageViews.filter((user, view) -> !Boolean.TRUE.equals(view.getSynthetic()), Named.as("people-only"))
                .process(() -> new LiveSessions(settings.sessionGap().toMillis(), settings.sessionGrace().toMillis(),
                        SESSIONS_STORE, SESSIONS_COMMIT_HOOK), Named.as("user-sessions"), SESSIONS_STORE, SESSIONS_COMMIT_HOOK)
                .to(outputs.topic(SESSIONS), Produced.with(strings, sessions).withName("sessions-sink"));
    }
}
