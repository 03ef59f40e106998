package io.streamsuite.metrics;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.ScratchDirs;
import io.streamsuite.kit.window.LateRecords;
import io.streamsuite.schemas.web.LatePageView;
import io.streamsuite.schemas.web.PageAlert;
import io.streamsuite.schemas.web.PageMinute;
import io.streamsuite.schemas.web.PageView;
import io.streamsuite.schemas.web.PageViewWindow;
import io.streamsuite.schemas.web.TopPages;
import io.streamsuite.schemas.web.UserSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;

/** The analytics topology in a TopologyTestDriver, with the kit's Avro serdes on an in-memory registry. */
public final class MetricsDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, PageView> views;
    private final TestOutputTopic<String, PageViewWindow> pageCounts;
    private final TestOutputTopic<String, LatePageView> late;
    private final TestOutputTopic<String, PageAlert> alerts;
    private final TestOutputTopic<String, UserSession> sessions;

    public MetricsDriver() {
        this(MetricsSettings.defaults());
    }

    public MetricsDriver(MetricsSettings settings) {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://metrics-" + UUID.randomUUID()));
        driver = new TopologyTestDriver(MetricsTopology.build(settings, serdes), driverConfig("metrics-ttd"), Views.T0);
        views = driver.createInputTopic(MetricsTopics.PAGE_VIEWS, Serdes.String().serializer(),
                serdes.valueSerde(PageView.class).serializer());
        pageCounts = driver.createOutputTopic(MetricsTopics.PAGE_COUNTS, Serdes.String().deserializer(),
                serdes.valueSerde(PageViewWindow.class).deserializer());
        late = driver.createOutputTopic(MetricsTopics.LATE_PAGE_VIEWS, Serdes.String().deserializer(),
                serdes.valueSerde(LatePageView.class).deserializer());
        alerts = driver.createOutputTopic(MetricsTopics.ALERTS, Serdes.String().deserializer(),
                serdes.valueSerde(PageAlert.class).deserializer());
        sessions = driver.createOutputTopic(MetricsTopics.SESSIONS, Serdes.String().deserializer(),
                serdes.valueSerde(UserSession.class).deserializer());
    }

    /** Sends the views keyed by their user id, as the web tier does. */
    public MetricsDriver send(Views... builders) {
        for (Views builder : builders) {
            send(builder.build());
        }
        return this;
    }

    public MetricsDriver send(PageView view) {
        views.pipeInput(view.getUserId(), view, view.getEventTime());
        return this;
    }

    public List<PageViewWindow> pageCounts() {
        return pageCounts.readValuesToList();
    }

    public List<LatePageView> late() {
        return late.readValuesToList();
    }

    public List<PageAlert> alerts() {
        return alerts.readValuesToList();
    }

    public List<TestRecord<String, UserSession>> sessions() {
        return sessions.readRecordsToList();
    }

    /** The page's minutes in the window store whose start lies in [from, to], oldest first. */
    public List<KeyValue<Long, PageMinute>> minutes(String page, Instant from, Instant to) {
        WindowStore<String, ValueAndTimestamp<PageMinute>> store = driver.getTimestampedWindowStore(MetricsTopics.PAGE_MINUTES_STORE);
        List<KeyValue<Long, PageMinute>> minutes = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<PageMinute>> iterator = store.fetch(page, from, to)) {
            iterator.forEachRemaining(kv -> minutes.add(KeyValue.pair(kv.key, kv.value.value())));
        }
        return minutes;
    }

    public TopPages topPages(Instant windowStart) {
        KeyValueStore<Long, ValueAndTimestamp<TopPages>> store = driver.getTimestampedKeyValueStore(MetricsTopics.TOP_PAGES_STORE);
        ValueAndTimestamp<TopPages> top = store.get(windowStart.toEpochMilli());
        return top == null ? null : top.value();
    }

    /** late-records-total of one page. */
    public double lateRecords(String page) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(LateRecords.METRIC + "-total"))
                .filter(e -> page.equals(e.getKey().tags().get(MetricsTopics.APPLICATION_ID + "-id")))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    public List<TestRecord<String, byte[]>> repartitionedByPage() {
        return driver.createOutputTopic(MetricsTopics.repartition(MetricsTopics.PAGE_VIEWS_BY_PAGE),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
    }

    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    @Override
    public void close() {
        driver.close();
    }

    /** The driver settings every metrics topology test uses; state under {@code dirPrefix} on tmpfs when there is one. */
    static Properties driverConfig(String dirPrefix) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, MetricsTopics.APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // Closed windows are emitted at most once per this wall-clock interval (1 s by default); the
        // driver's clock stands still unless a test moves it, so check on every record.
        config.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
        // The driver commits and checkpoints (flush + fsync) after every record: on tmpfs that costs no disk sync.
        Path shm = Path.of("/dev/shm");
        config.put(StreamsConfig.STATE_DIR_CONFIG, (Files.isDirectory(shm) && Files.isWritable(shm)
                ? ScratchDirs.createIn(shm, dirPrefix) : ScratchDirs.create(dirPrefix)).toString());
        return config;
    }
}
