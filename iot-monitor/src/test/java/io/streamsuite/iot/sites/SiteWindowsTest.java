package io.streamsuite.iot.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.iot.LateSiteReading;
import io.streamsuite.schemas.iot.SensorType;
import io.streamsuite.schemas.iot.SiteStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SiteWindows} alone, fed what the site repartition topic carries from two source partitions: readings
 * and each source's watermarks. It is the case that lost readings before: source 0 five minutes ahead of
 * source 1 (which restarted, or drains a backlog more slowly).
 */
class SiteWindowsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String KEY = SiteKeys.of("site-1", SensorType.TEMPERATURE);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private TopologyTestDriver driver;
    private TestInputTopic<String, SiteEvent> events;
    private TestOutputTopic<String, SiteStats> stats;
    private TestOutputTopic<String, LateSiteReading> late;

    @BeforeEach
    void start() {
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://site-windows-" + UUID.randomUUID()));
        Serde<String> strings = Serdes.String();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.timestampedWindowStoreBuilder(Stores.inMemoryWindowStore("windows", Duration.ofHours(1),
                Duration.ofMinutes(1), false), strings, SiteAggregate.SERDE).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("watermarks"), Serdes.Integer(), Watermark.SERDE));
        KStream<String, SiteWindowOutput> out = builder.stream("events", Consumed.with(strings, SiteEvent.SERDE))
                .process(() -> new SiteWindows(60_000, GRACE.toMillis(), Duration.ofHours(1).toMillis(), "windows", "watermarks",
                        "test"), "windows", "watermarks");
        out.filter((k, v) -> v.stats() != null).mapValues(SiteWindowOutput::stats)
                .to("stats", Produced.with(strings, serdes.valueSerde(SiteStats.class)));
        out.filter((k, v) -> v.late() != null).mapValues(SiteWindowOutput::late)
                .to("late", Produced.with(strings, serdes.valueSerde(LateSiteReading.class)));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "site-windows-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), config, T0);
        events = driver.createInputTopic("events", strings.serializer(), SiteEvent.SERDE.serializer());
        stats = driver.createOutputTopic("stats", strings.deserializer(), serdes.valueSerde(SiteStats.class).deserializer());
        late = driver.createOutputTopic("late", strings.deserializer(), serdes.valueSerde(LateSiteReading.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aWindowWaitsForTheSlowestPartitionSoItsReadingsFiveMinutesBehindAllCount() {
        watermark(0, null);
        watermark(1, null);
        // Source 0: a reading every 10 s for five minutes, its watermark following.
        for (int s = 0; s < 300; s += 10) {
            reading(T0.plusSeconds(s), 20);
            watermark(0, T0.plusSeconds(s));
        }
        assertThat(stats.readValuesToList()).as("source 1 has not reported any time yet").isEmpty();

        // Source 1 catches up over the same five minutes.
        for (int s = 0; s < 300; s += 10) {
            reading(T0.plusSeconds(s + 5), 30);
            watermark(1, T0.plusSeconds(s + 5));
        }

        // Both at 4:55 or later: windows ending by 4:25 are closed, each with every reading of both sources.
        List<SiteStats> closed = stats.readValuesToList();
        assertThat(closed).extracting(SiteStats::getWindowStart)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
        assertThat(closed).allSatisfy(window -> {
            assertThat(window.getCount()).isEqualTo(12);
            assertThat(window.getMin()).isEqualTo(20);
            assertThat(window.getMax()).isEqualTo(30);
        });
        assertThat(late.readValuesToList()).isEmpty();
    }

    @Test
    void anIdlePartitionHoldsNoWindowOpenAndWhenEveryPartitionIsIdleTheFastestCloses() {
        watermark(0, null);
        watermark(1, null);
        reading(T0.plusSeconds(5), 20);
        watermark(0, T0.plusSeconds(100));
        assertThat(stats.readValuesToList()).isEmpty();

        events.pipeInput(Watermark.KEY, new Watermark(1, Watermark.NONE, true), T0);
        assertThat(stats.readValuesToList()).singleElement().satisfies(window -> assertThat(window.getCount()).isEqualTo(1));

        reading(T0.plusSeconds(110), 21);
        events.pipeInput(Watermark.KEY, new Watermark(0, T0.plusSeconds(200).toEpochMilli(), true), T0);
        assertThat(stats.readValuesToList()).extracting(SiteStats::getWindowStart).containsExactly(T0.plusSeconds(60));
    }

    @Test
    void aReadingThatFindsItsWindowClosedGoesOutLateAndAWindowIsEmittedOnce() {
        watermark(0, null);
        reading(T0.plusSeconds(5), 20);
        watermark(0, T0.plusSeconds(95));
        assertThat(stats.readValuesToList()).hasSize(1);

        // A replayed watermark from before (a restart without exactly-once) moves nothing back.
        watermark(0, T0.plusSeconds(20));
        reading(T0.plusSeconds(6), 25);
        watermark(0, T0.plusSeconds(96));

        assertThat(stats.readValuesToList()).isEmpty();
        assertThat(late.readValuesToList()).singleElement().satisfies(reading -> {
            assertThat(reading.getCount()).isEqualTo(1);
            assertThat(reading.getMean()).isEqualTo(25);
            assertThat(reading.getWindowStart()).isEqualTo(T0);
            assertThat(reading.getClosedAt()).isEqualTo(T0.plusSeconds(95));
        });
    }

    @Test
    void partsOfOneWindowFromEachPartitionAddUpToItsStats() {
        watermark(0, null);
        watermark(1, null);
        SiteAggregate fromZero = SiteAggregate.empty().add(20, true).add(22, false).add(24, false);
        SiteAggregate fromOne = SiteAggregate.empty().add(10, true).add(30, true);
        events.pipeInput(KEY, new SitePartial(fromZero), T0.plusSeconds(40));
        events.pipeInput(KEY, new SitePartial(fromOne), T0.plusSeconds(50));
        watermark(0, T0.plusSeconds(95));
        watermark(1, T0.plusSeconds(91));

        assertThat(stats.readValuesToList()).singleElement().satisfies(window -> {
            assertThat(window.getCount()).isEqualTo(5);
            assertThat(window.getMin()).isEqualTo(10);
            assertThat(window.getMax()).isEqualTo(30);
            assertThat(window.getMean()).isEqualTo(21.2, Offset.offset(1e-9));
            assertThat(window.getDevicesReporting()).isEqualTo(3);
        });
    }

    private void reading(Instant at, double value) {
        events.pipeInput(KEY, new SiteReading(value, false), at);
    }

    private void watermark(int source, Instant time) {
        events.pipeInput(Watermark.KEY, new Watermark(source, time == null ? Watermark.NONE : time.toEpochMilli(), false),
                time == null ? T0 : time);
    }
}
