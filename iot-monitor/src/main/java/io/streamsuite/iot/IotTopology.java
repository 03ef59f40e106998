package io.streamsuite.iot;

import static io.streamsuite.iot.IotTopics.ACTIVE_ALERTS_STORE;
import static io.streamsuite.iot.IotTopics.ALERTS;
import static io.streamsuite.iot.IotTopics.DEVICES_COMMIT_HOOK;
import static io.streamsuite.iot.IotTopics.DEVICES_STORE;
import static io.streamsuite.iot.IotTopics.DEVICE_READINGS_STORE;
import static io.streamsuite.iot.IotTopics.DEVICE_STATUS;
import static io.streamsuite.iot.IotTopics.DEVICE_STATUS_STORE;
import static io.streamsuite.iot.IotTopics.LATE_SITE_READINGS;
import static io.streamsuite.iot.IotTopics.READINGS;
import static io.streamsuite.iot.IotTopics.REGISTRATIONS;
import static io.streamsuite.iot.IotTopics.REGISTRATIONS_STORE;
import static io.streamsuite.iot.IotTopics.SILENCE_DUE_STORE;
import static io.streamsuite.iot.IotTopics.SITE_DEVICES_STORE;
import static io.streamsuite.iot.IotTopics.SITE_PARTIALS_COMMIT_HOOK;
import static io.streamsuite.iot.IotTopics.SITE_PARTIALS_STORE;
import static io.streamsuite.iot.IotTopics.SITE_READINGS_REPARTITION;
import static io.streamsuite.iot.IotTopics.SITE_STATS;
import static io.streamsuite.iot.IotTopics.SITE_STATS_STORE;
import static io.streamsuite.iot.IotTopics.SITE_WATERMARKS_STORE;
import static io.streamsuite.iot.IotTopics.TREND_CHUNKS_STORE;

import io.streamsuite.iot.device.DeviceOutcome;
import io.streamsuite.iot.device.DeviceProcessor;
import io.streamsuite.iot.device.StatusBytes;
import io.streamsuite.iot.device.StoredDevice;
import io.streamsuite.iot.sites.LateSiteReadings;
import io.streamsuite.iot.sites.SiteAggregate;
import io.streamsuite.iot.sites.SiteEvent;
import io.streamsuite.iot.sites.SitePartials;
import io.streamsuite.iot.sites.SiteReading;
import io.streamsuite.iot.sites.SiteWindowOutput;
import io.streamsuite.iot.sites.SiteWindows;
import io.streamsuite.iot.sites.Watermark;
import io.streamsuite.kit.config.OutputVersion;
import io.streamsuite.kit.lookup.DecodedValues;
import io.streamsuite.kit.lookup.GlobalLookup;
import io.streamsuite.kit.punctuate.DueIndex;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.state.CommitHook;
import io.streamsuite.kit.state.HashedInMemoryStore;
import io.streamsuite.kit.stats.Summary;
import io.streamsuite.kit.window.LateRecords;
import io.streamsuite.kit.window.StreamTimeTicks;
import io.streamsuite.schemas.iot.DeviceAlert;
import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.DeviceStatus;
import io.streamsuite.schemas.iot.LateSiteReading;
import io.streamsuite.schemas.iot.SensorReading;
import io.streamsuite.schemas.iot.SiteStats;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The device-monitoring topology, a plain function of its settings and serdes.
 *
 * <pre>
 * iot.device-registrations (key: device id, compacted) → global table iot.registrations
 *
 * iot.sensor-readings (key: device id)
 *   → device stage: registration lookup; thresholds, spike, drift, battery; state (in memory, stored at
 *     each commit; drift windows in chunks), silence index, status, readings window, open alerts
 *                                                  [wall-clock punctuator: silence index → SILENT]
 *   ├→ iot.alerts          (transitions only: breach start and clear, SPIKE, DRIFT, LOW_BATTERY, SILENT)
 *   ├→ iot.device-status   (when a device's state or alert count changes)
 *   └→ rekey site/sensorType → late gate (this partition's stream time; later than the grace → iot.late-site-readings)
 *        → summed per site window in memory; every 250 ms the parts, then this partition's watermark
 *          [punctuators: wall clock and stream time; parts in a logged store at each commit]
 *        → repartition site-readings (parts by site key, watermarks copied to every partition)
 *        → 1-minute tumbling windows, each emitted once every partition's watermark passed its end + grace
 *          → iot.site-stats                                  (a reading that still finds it closed → iot.late-site-readings)
 * </pre>
 *
 * <p>The registrations are a global table: every instance has every device's thresholds, so the
 * device stage joins in place without repartitioning the readings. Only the site windows need their
 * own partitioning (a site's devices are spread over every partition).
 */
public final class IotTopology {

    /** Readings are placed in time by when they were measured. */
    static final TimestampExtractor EVENT_TIME = (record, partitionTime) ->
            record.value() instanceof SensorReading reading ? reading.getEventTime().toEpochMilli() : record.timestamp();

    /** Registrations kept decoded (about 200 bytes each); past it all are forgotten and decoded again as read. */
    static final int REMEMBERED_REGISTRATIONS = 100_000;

    private IotTopology() {
    }

    public static Topology build(IotSettings settings, AvroSerdes serdes) {
        return build(settings, serdes, OutputVersion.NONE);
    }

    /** As {@link #build(IotSettings, AvroSerdes)}, writing the outputs under their versioned names. */
    public static Topology build(IotSettings settings, AvroSerdes serdes, OutputVersion outputs) {
        return build(settings, serdes, outputs, IotStores.persistent());
    }

    /** As {@link #build(IotSettings, AvroSerdes)}, with the stores' suppliers given (tests use in-memory ones). */
    public static Topology build(IotSettings settings, AvroSerdes serdes, IotStores stores) {
        return build(settings, serdes, OutputVersion.NONE, stores);
    }

    public static Topology build(IotSettings settings, AvroSerdes serdes, OutputVersion outputs, IotStores stores) {
        Serde<String> strings = Serdes.String();
        Serde<SensorReading> readings = serdes.valueSerde(SensorReading.class);
        Serde<DeviceAlert> alerts = serdes.valueSerde(DeviceAlert.class);
        Serde<DeviceStatus> statuses = serdes.valueSerde(DeviceStatus.class);

        StreamsBuilder builder = new StreamsBuilder();
        // Looked up by every reading, changed seldom: each distinct registration is decoded once, not per reading.
        GlobalLookup.table(builder, REGISTRATIONS, stores.table(REGISTRATIONS_STORE), strings,
                DecodedValues.remembering(serdes.valueSerde(DeviceRegistration.class), REMEMBERED_REGISTRATIONS));
        addDeviceStores(builder, settings, stores, alerts);

        KStream<String, DeviceOutcome> outcomes = builder
                .stream(READINGS, Consumed.with(strings, readings).withTimestampExtractor(EVENT_TIME).withName("readings-source"))
                .filter((deviceId, reading) -> deviceId != null && reading != null, Named.as("skip-tombstones"))
                .process(() -> new DeviceProcessor(settings), Named.as("device-rules"), DEVICES_STORE, TREND_CHUNKS_STORE, DEVICES_COMMIT_HOOK, SILENCE_DUE_STORE,
                        DEVICE_STATUS_STORE, SITE_DEVICES_STORE, DEVICE_READINGS_STORE, ACTIVE_ALERTS_STORE);

        outcomes.flatMapValues(DeviceOutcome::alerts, Named.as("alerts-of-outcome"))
                .to(outputs.topic(ALERTS), Produced.with(strings, alerts).withName("alerts-sink"));
        outcomes.filter((deviceId, outcome) -> outcome.status() != null, Named.as("status-changes-only"))
                .mapValues(DeviceOutcome::status, Named.as("status-of-outcome"))
                .to(outputs.topic(DEVICE_STATUS), Produced.with(strings, statuses).withName("device-status-sink"));
        addSiteStats(builder, outcomes, settings, serdes, outputs, stores);
        return builder.build();
    }

    /**
     * No record cache on the device stores: under exactly-once each 100 ms commit flushes it, and a
     * device seldom reports twice within one. The devices themselves are kept decoded in memory and written
     * at each commit ({@code DeviceStates}, through the commit hook, so that store must have no cache); their
     * drift windows' complete chunks go to the trend-chunks store once each. The status stores are derived from the device store
     * ({@link io.streamsuite.iot.device.DeviceMonitor#status}), so they live in memory without
     * changelogs and are rebuilt from it when a task starts: two changelog writes less per reading.
     */
    private static void addDeviceStores(StreamsBuilder builder, IotSettings settings,
                                        IotStores stores, Serde<DeviceAlert> alerts) {
        Serde<String> strings = Serdes.String();
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(DEVICES_STORE), strings, StoredDevice.SERDE)
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(TREND_CHUNKS_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled());
        builder.addStateStore(CommitHook.builder(DEVICES_COMMIT_HOOK));
        builder.addStateStore(DueIndex.storeBuilder(stores.keyValue(SILENCE_DUE_STORE)));
        // One serde for both: a reading's status is encoded once for the two puts.
        Serde<DeviceStatus> inMemoryStatuses = StatusBytes.serde();
        // Each reading replaces its device's status in both: hash lookups, not a walk of a tree map per put.
        builder.addStateStore(Stores.keyValueStoreBuilder(HashedInMemoryStore.supplier(DEVICE_STATUS_STORE), strings, inMemoryStatuses)
                .withLoggingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(HashedInMemoryStore.supplier(SITE_DEVICES_STORE), strings, inMemoryStatuses)
                .withLoggingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(ACTIVE_ALERTS_STORE), strings, alerts));
        builder.addStateStore(Stores.windowStoreBuilder(stores.window(DEVICE_READINGS_STORE,
                settings.readingsRetention(), settings.readingsWindow(), false), strings, Summary.SERDE));
    }

    /**
     * Site windows that close on every partition's progress, not on the fastest one's. In the device task (its
     * own partition, its own stream time): readings later than the grace leave through {@link LateRecords}, and
     * the partition's watermark is sent to every site partition. In the site task, {@link SiteWindows} closes a
     * window once every source partition has passed its end plus the grace, so a partition that restarts,
     * restores or drains later than the others loses nothing. The window store keeps its record cache: a few
     * dozen site/sensor keys take every reading, so a commit writes each open window once.
     */
    private static void addSiteStats(StreamsBuilder builder, KStream<String, DeviceOutcome> outcomes, IotSettings settings,
                                     AvroSerdes serdes, OutputVersion outputs, IotStores stores) {
        Serde<String> strings = Serdes.String();
        Duration retention = settings.siteWindow().plus(settings.siteGrace()).plus(Duration.ofHours(1));
        KStream<String, SiteReading> siteReadings = outcomes
                .filter((deviceId, outcome) -> outcome.siteReading() != null, Named.as("readings-only"))
                .map((deviceId, outcome) -> KeyValue.pair(outcome.siteKey(), outcome.siteReading()), Named.as("by-site"));
        LateRecords.Split<String, SiteReading> split = LateRecords.split(siteReadings, settings.siteWindow(),
                settings.siteGrace(), reading -> false, IotTopics.APPLICATION_ID, siteKey -> siteKey, "site-late-gate");
        Serde<LateSiteReading> lateSerde = serdes.valueSerde(LateSiteReading.class);
        split.late().processValues(LateSiteReadings::fromGate, Named.as("late-site-reading"))
                .to(outputs.topic(LATE_SITE_READINGS), Produced.with(strings, lateSerde).withName("late-site-readings-sink"));

        builder.addStateStore(Stores.timestampedWindowStoreBuilder(
                        stores.window(SITE_STATS_STORE, retention, settings.siteWindow(), true), strings, SiteAggregate.SERDE)
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(SITE_WATERMARKS_STORE), Serdes.Integer(),
                Watermark.SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(SITE_PARTIALS_STORE), strings, SitePartials.Stored.SERDE)
                .withCachingDisabled());
        builder.addStateStore(CommitHook.builder(SITE_PARTIALS_COMMIT_HOOK));
        KStream<String, SiteWindowOutput> windows = split.onTime()
                .process(() -> new SitePartials(settings.siteWatermarkInterval(), settings.siteIdleAfter(), settings.siteWindow(),
                        SITE_PARTIALS_STORE, SITE_PARTIALS_COMMIT_HOOK), Named.as("site-partials"), SITE_PARTIALS_STORE,
                        SITE_PARTIALS_COMMIT_HOOK)
                .repartition(Repartitioned.with(strings, SiteEvent.SERDE).withName(SITE_READINGS_REPARTITION)
                        .withStreamPartitioner(StreamTimeTicks.partitioner(strings.serializer(), event -> event instanceof Watermark)))
                .process(() -> new SiteWindows(settings.siteWindow().toMillis(), settings.siteGrace().toMillis(),
                                retention.toMillis(), SITE_STATS_STORE, SITE_WATERMARKS_STORE, IotTopics.APPLICATION_ID),
                        Named.as("site-window"), SITE_STATS_STORE, SITE_WATERMARKS_STORE);
        windows.filter((siteKey, output) -> output.stats() != null, Named.as("closed-site-windows"))
                .mapValues(SiteWindowOutput::stats, Named.as("site-stats"))
                .to(outputs.topic(SITE_STATS), Produced.with(strings, serdes.valueSerde(SiteStats.class)).withName("site-stats-sink"));
        windows.filter((siteKey, output) -> output.late() != null, Named.as("after-close"))
                .mapValues(SiteWindowOutput::late, Named.as("late-after-close"))
                .to(outputs.topic(LATE_SITE_READINGS), Produced.with(strings, lateSerde).withName("late-after-close-sink"));
    }
}
