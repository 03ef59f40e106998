package io.streamsuite.benchmarks.services;

import io.streamsuite.benchmarks.Drain;
import io.streamsuite.benchmarks.Row;
import io.streamsuite.localstack.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * metrics-aggregator's row: drain of the simulator's page views against the passthrough on the same topic, CPU per
 * 1M, and the state one page-minute costs, measured three ways from the real store: the latest changelog record
 * per window (key + value bytes: what the compacted changelog and the store hold), the RocksDB files of the store
 * after a clean close, and the changelog's bytes on the broker before compaction.
 */
public final class MetricsRow {

    static final String SECTION = "6 metrics-aggregator";
    static final String MODULE = "metrics-aggregator";
    static final String PAGE_VIEWS = "web.page-views";
    static final String PAGE_MINUTES_STORE = "analytics.page-minutes";
    static final String PAGE_MINUTES_CHANGELOG = MODULE + "-" + PAGE_MINUTES_STORE + "-changelog";
    /** The stream-time tick's key (PageHit.TICK_KEY): its windows are not pages. */
    static final byte[] TICK_KEY = "#tick".getBytes(StandardCharsets.UTF_8);

    private final ServiceBench bench;
    private final int port;

    public MetricsRow(ServiceBench bench, int port) {
        this.bench = bench;
        this.port = port;
    }

    public void run() {
        long records = bench.records();
        bench.kafka().createTopics(3, Map.of("retention.ms", "-1"), PAGE_VIEWS);
        ServiceBench.say("metrics-aggregator: " + records + " page views from the simulator ...");
        // Event times in the last hours, so no broker retention (by time) touches the input, changelogs or outputs.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        bench.simulator("simulator-web", List.of("--domains=web", "--count=" + records, "--rate=0",
                "--seed=" + bench.seed(), "--start=" + start, "--poison-share=0"), Duration.ofMinutes(30));
        ServiceBench.say("metrics-aggregator: passthrough, then the service, draining " + PAGE_VIEWS + " ...");
        Drain limit = bench.passthrough(PAGE_VIEWS, "web");
        ServiceProcess service = bench.start(MODULE, port, "a");
        Drain drain = bench.drain(service, MODULE, PAGE_VIEWS);
        bench.drainRows(SECTION, PAGE_VIEWS, limit, drain);

        // Every record is in its window by now (lag 0 on every sub-topology, committed): read the store's changelog.
        StateFigures state = changelogState();
        long onBroker = bench.kafka().bytesOnDisk(PAGE_MINUTES_CHANGELOG);
        bench.stop(service);
        long rocks = storeFiles(bench.stateDir(MODULE, "a"), PAGE_MINUTES_STORE);
        bench.results().add(new Row(SECTION, "state per page-minute (" + state.pageMinutes() + " page-minutes)",
                state.bytesPerWindow(), "bytes", "RocksDB files per page-minute", (double) rocks / state.windows(),
                null, null));
        bench.results().note("metrics-aggregator state: " + state.windows() + " windows in " + PAGE_MINUTES_STORE + " ("
                + state.pageMinutes() + " page-minutes, " + (state.windows() - state.pageMinutes()) + " tick windows); "
                + "figure = the latest changelog record per window, key + value bytes (what the compacted changelog "
                + "and the store hold: windowed key, PageMinute with its HLL and DDSketch), "
                + state.bytes() + " bytes for the page-minutes; baseline = the store's RocksDB files after a clean close ("
                + rocks + " bytes, with RocksDB's own compression and overhead); the changelog on the broker held "
                + onBroker + " bytes before compaction (" + String.format(java.util.Locale.ROOT, "%.0f", (double) onBroker / state.windows())
                + " per window: every cache flush writes the window again)");
    }

    record StateFigures(long windows, long pageMinutes, long bytes) {
        double bytesPerWindow() {
            return (double) bytes / pageMinutes;
        }
    }

    private StateFigures changelogState() {
        long windows = 0;
        long pages = 0;
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> record : bench.latestByKey(PAGE_MINUTES_CHANGELOG).values()) {
            windows++;
            if (!startsWith(record.key(), TICK_KEY)) {
                pages++;
                bytes += record.key().length + record.value().length;
            }
        }
        if (pages == 0) {
            throw new IllegalStateException(PAGE_MINUTES_CHANGELOG + " is empty after the drain");
        }
        return new StateFigures(windows, pages, bytes);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Bytes of every file under the store's directories (a window store has one per segment) in the state dir. */
    static long storeFiles(Path stateDir, String store) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> stateDir.relativize(f).toString().contains("/" + store + "/")
                            || stateDir.relativize(f).toString().contains("/" + store + "."))
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0;
                        }
                    }).sum();
        } catch (IOException e) {
            throw new IllegalStateException("Could not walk " + stateDir, e);
        }
    }
}
