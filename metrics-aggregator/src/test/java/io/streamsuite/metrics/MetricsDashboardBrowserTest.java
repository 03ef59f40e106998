package io.streamsuite.metrics;

import static io.streamsuite.kit.test.DashboardChecks.compare;
import static io.streamsuite.kit.test.DashboardChecks.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.DashboardBrowser;
import io.streamsuite.kit.test.DashboardChecks;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.TestTokens;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.web.LatePageView;
import io.streamsuite.schemas.web.PageView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * metrics-aggregator's dashboard in a real headless Chromium, with page views flowing on the real broker
 * and registry (four past minutes sent at once, then live views): the kit's charts and the service's own
 * panels draw, every figure shown is what the REST API answers at that moment, the page logs no error,
 * and a screenshot lands in target/.
 */
@WithKafkaStack
class MetricsDashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String TOP_PAGES = "[data-panel='service-0']";
    private static final String LATENCY = "[data-panel='service-1']";
    private static final List<String> QUANTILES = List.of("p50", "p95", "p99");
    private static final List<String> PAGES = List.of("/", "/products/1", "/products/2", "/products/3", "/search",
            "/cart", "/checkout");

    @Test
    void pageDrawsTopPagesAndLatencyPercentilesAsTheApiAnswersThem() throws Exception {
        KafkaStack.createTopics(3, MetricsTopics.PAGE_VIEWS);
        KafkaStack.truncate(MetricsTopics.PAGE_VIEWS);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        Instant thisMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        try (AppInstance metrics = MetricsInstance.start(Map.of("streams-kit.application-id", "metrics-dashboard-test"));
             Traffic traffic = new Traffic(serdes)) {
            metrics.awaitReady(WAIT);
            Map<Long, Map<String, Long>> sent = traffic.history(thisMinute.minus(Duration.ofMinutes(4)), 4);
            KafkaStack.produce(MetricsTopics.PAGE_VIEWS, "poison-dashboard".getBytes(StandardCharsets.UTF_8),
                    new byte[] {0x13, 0x37, 0x00, 0x42});
            traffic.startLive();
            String token = TestTokens.reader().substring("Bearer ".length());
            try (DashboardBrowser page = DashboardBrowser.open(metrics.baseUrl() + "/#token=" + token)) {
                page.awaitChartsDrawn(4, WAIT);
                page.await("three closed minutes in the top pages", WAIT, () -> page.tableRows(TOP_PAGES).size() >= 3);
                traffic.runFor(Duration.ofSeconds(20));
                traffic.close();

                DashboardChecks.awaitQuiet(metrics, WAIT);
                page.await("the page's figures equal the API's", Duration.ofSeconds(30), () -> differences(page, metrics).isEmpty());
                assertThat(differences(page, metrics)).isEmpty();

                // The figures are right, not only alike: a past minute's top pages are the views sent in it, less those
                // the service declared late (the burst of past minutes spans three input partitions; under load one input
                // task can read ahead and close the minute before the others' views of it arrive).
                long oldest = thisMinute.minus(Duration.ofMinutes(4)).toEpochMilli();
                Map<String, Long> counted = new TreeMap<>(sent.get(oldest));
                late(serdes, traffic.historyIds(), oldest).forEach((lostPage, lost) -> counted.merge(lostPage, -lost, Long::sum));
                counted.values().removeIf(views -> views == 0);
                JsonNode top = get(metrics, "/api/top-pages?at=" + Instant.ofEpochMilli(oldest));
                assertThat(top.get("pages").valueStream().map(p -> p.get("page").asString() + "=" + p.get("views").asLong()).toList())
                        .isEqualTo(expectedTop(counted));
                assertThat(page.tableRows(TOP_PAGES)).anySatisfy(row -> assertThat(row.get(0)).isEqualTo(Instant.ofEpochMilli(oldest).toString()));
                assertThat(page.bars("[data-panel='dead-letters']")).contains(DashboardChecks.bar("deserialization", "1"));
                assertThat(page.topologyNodes()).isGreaterThan(5);

                page.screenshot(Path.of("target", "dashboard", "metrics-aggregator.png"));
                assertThat(page.errors()).isEmpty();
            }
        } finally {
            KafkaStack.truncate(MetricsTopics.PAGE_VIEWS);
        }
    }

    /** The kit's figures against /api/dashboard; top pages against /api/top-pages of each minute shown; the latency chart against /api/latency. */
    private static List<String> differences(DashboardBrowser page, AppInstance metrics) {
        List<String> differences = new ArrayList<>(DashboardChecks.kitDifferences(page, get(metrics, "/api/dashboard")));

        List<JsonNode> minutes = new ArrayList<>();
        get(metrics, "/api/stores/" + MetricsTopics.TOP_PAGES_STORE + "/keys?limit=1000").get("items").forEach(minutes::add);
        List<List<String>> newest = minutes.stream()
                .sorted(Comparator.comparingLong((JsonNode m) -> m.get("key").asLong()).reversed()).limit(5)
                .map(m -> get(metrics, "/api/top-pages?at=" + m.get("key").asLong()))
                .map(top -> List.of(DashboardBrowser.shown(top.get("windowStart")), DashboardBrowser.shown(top.get("pages"), "/page", "/views")))
                .toList();
        compare(differences, "top pages", page.tableRows(TOP_PAGES), newest);

        JsonNode latency = get(metrics, "/api/latency");
        List<List<Object>> drawn = page.lineData(LATENCY);
        List<JsonNode> windows = latency.get("windows").valueStream().toList();
        if (drawn == null || drawn.get(0).size() != windows.size()) {
            differences.add("latency: page drew " + (drawn == null ? "nothing" : drawn.get(0).size() + " minutes") + ", API " + windows.size());
            return differences;
        }
        for (int i = 0; i < windows.size(); i++) {
            JsonNode window = windows.get(i);
            comparePoint(differences, "start of minute " + i, drawn.get(0).get(i),
                    (double) Instant.parse(window.get("windowStart").asString()).getEpochSecond());
            for (int line = 0; line < QUANTILES.size(); line++) {
                JsonNode answered = window.get("latency").get(QUANTILES.get(line));
                comparePoint(differences, QUANTILES.get(line) + " of minute " + i, drawn.get(line + 1).get(i),
                        answered.isNull() ? null : answered.asDouble());
            }
        }
        JsonNode last = windows.get(windows.size() - 1).get("latency");
        for (String quantile : QUANTILES) {
            DashboardChecks.compareRounded(differences, "newest " + quantile, page.newestOfLine(LATENCY, quantile), last.get(quantile));
        }
        return differences;
    }

    /** Per page, this test's history views that analytics.late-page-views says missed the minute starting at {@code windowStart}. */
    private static Map<String, Long> late(AvroSerdes serdes, String idPrefix, long windowStart) {
        Deserializer<LatePageView> deserializer = serdes.valueSerde(LatePageView.class).deserializer();
        Map<String, Long> late = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaStack.readAll(MetricsTopics.LATE_PAGE_VIEWS)) {
            LatePageView view = deserializer.deserialize(MetricsTopics.LATE_PAGE_VIEWS, record.value());
            if (view.getEventId().startsWith(idPrefix) && view.getWindowStart().toEpochMilli() == windowStart) {
                late.merge(view.getPage(), 1L, Long::sum);
            }
        }
        return late;
    }

    /** "page=views", most viewed first, ties in page order, at most metrics.top-pages.size (10). */
    private static List<String> expectedTop(Map<String, Long> views) {
        return views.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** A point uPlot drew (a JavaScript number, or null for none) against the API's. */
    private static void comparePoint(List<String> differences, String what, Object drawn, Double answered) {
        boolean same = drawn == null ? answered == null : answered != null && ((Number) drawn).doubleValue() == answered;
        if (!same) {
            differences.add(what + ": page " + drawn + ", API " + answered);
        }
    }

    /** Page views: a past stretch sent at once, then about 20 live views a second until closed. */
    private static final class Traffic implements AutoCloseable {
        private final KafkaProducer<String, PageView> producer;
        private final Random random = new Random(42);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final String historyIds = "dashboard-history-" + UUID.randomUUID() + "-";
        private Thread live;
        private long liveSince;

        Traffic(AvroSerdes serdes) {
            producer = new KafkaProducer<>(KafkaStack.clientConfig(), Serdes.String().serializer(),
                    serdes.valueSerde(PageView.class).serializer());
        }

        /** {@code minutes} whole minutes from {@code from}, in event-time order; answers the views sent per minute and page. */
        Map<Long, Map<String, Long>> history(Instant from, int minutes) {
            Map<Long, Map<String, Long>> sent = new TreeMap<>();
            for (int second = 0; second < minutes * 60; second++) {
                for (int i = 0; i < 2; i++) {
                    Instant at = from.plusSeconds(second).plusMillis(random.nextInt(1000));
                    String page = view(at, historyIds + second + "-" + i);
                    sent.computeIfAbsent(at.toEpochMilli() - Math.floorMod(at.toEpochMilli(), 60_000L), m -> new TreeMap<>())
                            .merge(page, 1L, Long::sum);
                }
            }
            producer.flush();
            return sent;
        }

        /** What the history views' event ids start with. */
        String historyIds() {
            return historyIds;
        }

        void startLive() {
            liveSince = System.nanoTime();
            live = new Thread(() -> {
                while (running.get()) {
                    view(Instant.now(), UUID.randomUUID().toString());
                    AppInstance.sleep(50);
                }
            }, "dashboard-views");
            live.setDaemon(true);
            live.start();
        }

        /** Pages by a skewed choice (the first pages most), latency by page, one in fifty a 5xx. */
        private String view(Instant at, String id) {
            String page = PAGES.get(Math.min(PAGES.size() - 1, (int) Math.abs(random.nextGaussian() * 2.5)));
            long latency = 20 + PAGES.indexOf(page) * 15L + (long) Math.abs(random.nextGaussian() * 40);
            int status = random.nextInt(50) == 0 ? 503 : 200;
            String user = "user-" + random.nextInt(300);
            producer.send(new ProducerRecord<>(MetricsTopics.PAGE_VIEWS, user,
                    Views.view(page).id(id).by(user).at(at).latency(latency).status(status).build()));
            return page;
        }

        void runFor(Duration duration) {
            long left = liveSince + duration.toNanos() - System.nanoTime();
            if (left > 0) {
                AppInstance.sleep(left / 1_000_000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            if (live != null) {
                live.join(30_000);
            }
            producer.close(Duration.ofSeconds(30));
        }
    }
}
