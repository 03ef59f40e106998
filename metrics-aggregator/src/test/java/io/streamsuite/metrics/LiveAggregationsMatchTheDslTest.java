package io.streamsuite.metrics;

import static io.streamsuite.metrics.Views.T0;
import static io.streamsuite.metrics.Views.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.sketch.DistinctCounts;
import io.streamsuite.kit.sketch.Quantiles;
import io.streamsuite.metrics.pages.PageHit;
import io.streamsuite.metrics.pages.PageMinutes;
import io.streamsuite.metrics.pages.PageWindows;
import io.streamsuite.metrics.sessions.UserSessions;
import io.streamsuite.schemas.web.PageMinute;
import io.streamsuite.schemas.web.PageView;
import io.streamsuite.schemas.web.PageViewWindow;
import io.streamsuite.schemas.web.UserSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The page minutes and the sessions, aggregated in processors with their state live in memory, give
 * what the DSL's windowed aggregations with onWindowClose give on the same input: the same closed
 * windows and sessions in the same order with the same timestamps, and the same store contents,
 * on thousands of generated views with out-of-order ones inside the grace, late ones beyond it and
 * late ones that bridge two sessions.
 */
class LiveAggregationsMatchTheDslTest {

    private static final MetricsSettings DEFAULTS = MetricsSettings.defaults();
    /** A short session gap, so the traffic holds many sessions, bridges and dropped late views. */
    private static final MetricsSettings SETTINGS = new MetricsSettings(DEFAULTS.window(), DEFAULTS.grace(),
            DEFAULTS.retention(), DEFAULTS.tickInterval(), DEFAULTS.visitorWindow(), DEFAULTS.distinctCounts(),
            DEFAULTS.quantiles(), DEFAULTS.alerts(), Duration.ofMinutes(2), Duration.ofSeconds(20),
            DEFAULTS.sessionRetention(), DEFAULTS.topPages());

    @Test
    void closedWindowsSessionsAndStoresEqualThoseOfTheDslAggregationsOnDisorderedTraffic() {
        List<PageView> traffic = traffic(new Random(7), 4_000);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://live-vs-dsl-" + UUID.randomUUID()));
        try (TopologyTestDriver live = driver(MetricsTopology.build(SETTINGS, serdes));
             TopologyTestDriver dsl = driver(reference(SETTINGS, serdes))) {
            Serde<PageView> views = serdes.valueSerde(PageView.class);
            TestInputTopic<String, PageView> liveIn = live.createInputTopic(MetricsTopics.PAGE_VIEWS,
                    Serdes.String().serializer(), views.serializer());
            TestInputTopic<String, PageView> dslIn = dsl.createInputTopic(MetricsTopics.PAGE_VIEWS,
                    Serdes.String().serializer(), views.serializer());
            for (PageView view : traffic) {
                liveIn.pipeInput(view.getUserId(), view, view.getEventTime());
                dslIn.pipeInput(view.getUserId(), view, view.getEventTime());
            }

            List<TestRecord<String, PageViewWindow>> livePages = output(live, MetricsTopics.PAGE_COUNTS, serdes.valueSerde(PageViewWindow.class));
            List<TestRecord<String, PageViewWindow>> dslPages = output(dsl, MetricsTopics.PAGE_COUNTS, serdes.valueSerde(PageViewWindow.class));
            assertThat(dslPages).as("the traffic closes many page windows").hasSizeGreaterThan(500);
            assertThat(records(livePages)).isEqualTo(records(dslPages));

            List<TestRecord<String, UserSession>> liveSessions = output(live, MetricsTopics.SESSIONS, serdes.valueSerde(UserSession.class));
            List<TestRecord<String, UserSession>> dslSessions = output(dsl, MetricsTopics.SESSIONS, serdes.valueSerde(UserSession.class));
            assertThat(dslSessions).as("the traffic closes many sessions").hasSizeGreaterThan(300);
            assertThat(dslSessions.stream().filter(s -> s.value().getPageViews() > 1)).hasSizeGreaterThan(100);
            assertThat(records(liveSessions)).isEqualTo(records(dslSessions));

            assertThat(pageMinutes(live)).as("page minutes in the store, closed and open").isEqualTo(pageMinutes(dsl))
                    .hasSizeGreaterThan(dslPages.size());
            assertThat(sessions(live)).as("sessions in the store, closed and open").isEqualTo(sessions(dsl))
                    .hasSizeGreaterThan(dslSessions.size());
        }
    }

    /**
     * Users in sessions of a few views seconds apart on 40 pages; 5 % of the views up to 25 s out of
     * order (inside the page grace), 1 % between 1 and 4 minutes late (beyond it: late for the pages;
     * for sessions within or beyond gap and grace, so some bridge and some are dropped); probes.
     */
    private static List<PageView> traffic(Random random, int count) {
        List<PageView> views = new ArrayList<>(count);
        long now = T0.toEpochMilli();
        for (int i = 0; i < count; i++) {
            now += random.nextInt(400);
            long at = now;
            double roll = random.nextDouble();
            if (roll < 0.05) {
                at -= random.nextInt(25_000);
            } else if (roll < 0.06) {
                at -= 60_000 + random.nextInt(180_000);
            }
            String page = "/products/" + random.nextInt(40);
            Views view = view(page).by("user-" + random.nextInt(300)).at(Instant.ofEpochMilli(at))
                    .latency(Math.round(Math.exp(3.8 + random.nextGaussian() * 0.7)))
                    .status(random.nextInt(50) == 0 ? 503 : 200);
            // Probes at the time of the traffic, not ahead of it.
            views.add((random.nextInt(50) == 0 ? view.probe() : view).build());
        }
        return views;
    }

    /** The aggregations as the DSL's windowed aggregations with onWindowClose (drops late views itself). */
    private static Topology reference(MetricsSettings settings, AvroSerdes serdes) {
        Serde<String> strings = Serdes.String();
        Serde<PageView> views = serdes.valueSerde(PageView.class);
        Serde<UserSession> sessions = serdes.valueSerde(UserSession.class);
        StreamsBuilder builder = new StreamsBuilder();
        var pageViews = builder.stream(MetricsTopics.PAGE_VIEWS, Consumed.with(strings, views)
                .withTimestampExtractor(MetricsTopology.EVENT_TIME));
        pageViews.filter((user, view) -> !Boolean.TRUE.equals(view.getSynthetic()))
                .groupByKey(Grouped.with(strings, views))
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(settings.sessionGap(), settings.sessionGrace()))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(UserSessions::empty, UserSessions::add, UserSessions::merge,
                        Materialized.<String, UserSession, SessionStore<Bytes, byte[]>>as(MetricsTopics.SESSIONS_STORE)
                                .withKeySerde(strings).withValueSerde(sessions).withRetention(settings.sessionRetention()))
                .toStream()
                .filter((session, value) -> value != null)
                .selectKey((session, value) -> session.key())
                .to(MetricsTopics.SESSIONS, Produced.with(strings, sessions));
        DistinctCounts counts = settings.distinctCounts();
        Quantiles quantiles = settings.quantiles();
        pageViews.map((user, view) -> KeyValue.pair(view.getPage(), PageHit.of(view)))
                .groupByKey(Grouped.with(strings, PageHit.SERDE))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.window(), settings.grace()))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(() -> new PageMinute(0L, 0L, ByteBuffer.allocate(0), ByteBuffer.allocate(0)),
                        (page, hit, minute) -> new PageMinute(minute.getViews() + 1,
                                minute.getErrors() + (hit.isServerError() ? 1 : 0),
                                ByteBuffer.wrap(quantiles.add(PageMinutes.bytes(minute.getLatencySketch()), hit.latencyMs())),
                                hit.visitor()
                                        ? ByteBuffer.wrap(counts.add(PageMinutes.bytes(minute.getVisitorSketch()), hit.userId()))
                                        : minute.getVisitorSketch()),
                        Materialized.<String, PageMinute, WindowStore<Bytes, byte[]>>as(MetricsTopics.PAGE_MINUTES_STORE)
                                .withKeySerde(strings).withValueSerde(serdes.valueSerde(PageMinute.class))
                                .withRetention(settings.retention()))
                .toStream()
                .map((window, minute) -> KeyValue.pair(window.key(),
                        PageWindows.of(window.key(), window.window().start(), window.window().end(), minute)))
                .to(MetricsTopics.PAGE_COUNTS, Produced.with(strings, serdes.valueSerde(PageViewWindow.class)));
        return builder.build();
    }

    private static TopologyTestDriver driver(Topology topology) {
        return new TopologyTestDriver(topology, MetricsDriver.driverConfig("live-vs-dsl"), T0);
    }

    private static <V> List<TestRecord<String, V>> output(TopologyTestDriver driver, String topic, Serde<V> values) {
        TestOutputTopic<String, V> output = driver.createOutputTopic(topic, Serdes.String().deserializer(), values.deserializer());
        return output.readRecordsToList();
    }

    /** Key, value and timestamp (a TestRecord's equality also holds its headers). */
    private static <V> List<String> records(List<TestRecord<String, V>> records) {
        return records.stream().map(r -> r.key() + " @" + r.timestamp() + " " + r.value()).toList();
    }

    private static Map<String, String> pageMinutes(TopologyTestDriver driver) {
        WindowStore<String, ValueAndTimestamp<PageMinute>> store = driver.getTimestampedWindowStore(MetricsTopics.PAGE_MINUTES_STORE);
        Map<String, String> minutes = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<PageMinute>> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (!kv.key.key().equals(PageHit.TICK_KEY)) {
                    minutes.put(kv.key.key() + "@" + kv.key.window().start(), describe(kv.value.value()) + " @" + kv.value.timestamp());
                }
            });
        }
        return minutes;
    }

    /** Counts, estimate and quantiles: what every reader of a page minute takes from it. */
    private static String describe(PageMinute minute) {
        PageViewWindow window = PageWindows.of("", 0, 0, minute);
        return minute.getViews() + "/" + minute.getErrors() + " visitors " + window.getUniqueUsers() + " p50 "
                + window.getP50LatencyMs() + " p95 " + window.getP95LatencyMs() + " p99 " + window.getP99LatencyMs()
                + " avg " + window.getAvgLatencyMs();
    }

    private static Map<String, String> sessions(TopologyTestDriver driver) {
        SessionStore<String, UserSession> store = driver.getSessionStore(MetricsTopics.SESSIONS_STORE);
        Map<String, String> all = new TreeMap<>();
        for (int user = 0; user < 300; user++) {
            try (KeyValueIterator<Windowed<String>, UserSession> sessions = store.fetch("user-" + user)) {
                sessions.forEachRemaining(kv -> all.put(kv.key.key() + "@" + kv.key.window().start() + "-"
                        + kv.key.window().end(), kv.value.toString()));
            }
        }
        return all;
    }
}
