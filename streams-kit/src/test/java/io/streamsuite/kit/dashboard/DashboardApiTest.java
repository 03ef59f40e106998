package io.streamsuite.kit.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard's JSON and page on a real broker: figures that match the traffic that was sent. */
@WithKafkaStack
class DashboardApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APPLICATION_ID = "dashboard-api-test";
    private static final int WORDS = 40;
    private static FlowTestService service;
    private static AppInstance app;

    @BeforeAll
    static void startAndFeed() {
        String prefix = KafkaStack.uniqueName("dash");
        service = new FlowTestService(prefix);
        app = AppInstance.start(FlowTestApplication.class, APPLICATION_ID, Map.of(FlowTestApplication.PREFIX_PROPERTY, prefix));
        app.awaitReady(Duration.ofSeconds(90));
        for (int i = 0; i < WORDS; i++) {
            produce("key-" + (i % 4), "word" + i);
        }
        produce("key-0", FlowTestService.POISON);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void snapshotCountsRecordsInAndOutAndTheDeadLetterByReason() {
        JsonNode snapshot = awaitSnapshot(s -> s.get("totals").get("recordsOut").asLong() == WORDS
                && !s.get("deadLetters").isEmpty());

        assertThat(snapshot.get("service").asString()).isEqualTo(APPLICATION_ID);
        assertThat(snapshot.get("state").asString()).isEqualTo("RUNNING");
        // The poison word was polled like the others but went to the dead-letter topic, not the output.
        assertThat(snapshot.get("totals").get("recordsIn").asLong()).isEqualTo(WORDS + 1);
        assertThat(snapshot.get("deadLetters")).singleElement().satisfies(d -> {
            assertThat(d.get("reason").asString()).isEqualTo("processing");
            assertThat(d.get("count").asLong()).isEqualTo(1);
        });
        assertThat(snapshot.get("threadReplacements").asLong()).isZero();
        assertThat(snapshot.get("threads")).singleElement().satisfies(t -> {
            assertThat(t.get("state").asString()).isEqualTo("RUNNING");
            assertThat(t.get("activeTasks").asInt()).isEqualTo(2);
        });
    }

    @Test
    void seriesHoldsOnePointASecondWithRatesAndLatencyPercentiles() {
        JsonNode snapshot = awaitSnapshot(s -> s.get("totals").get("recordsOut").asLong() == WORDS
                && s.get("series").get("time").size() >= 3
                && !s.get("series").get("e2eLatencyP99Ms").get(s.get("series").get("time").size() - 1).isNull());
        JsonNode series = snapshot.get("series");
        int points = series.get("time").size();
        assertThat(series.get("recordsInPerSecond").size()).isEqualTo(points);
        assertThat(series.get("e2eLatencyP50Ms").size()).isEqualTo(points);
        List<Long> times = new ArrayList<>();
        series.get("time").forEach(t -> times.add(t.asLong()));
        assertThat(times).isSorted();
        double outSum = 0;
        for (JsonNode rate : series.get("recordsOutPerSecond")) {
            outSum += rate.asDouble();
        }
        assertThat(outSum).isPositive();
        double p50 = series.get("e2eLatencyP50Ms").get(points - 1).asDouble();
        double p99 = series.get("e2eLatencyP99Ms").get(points - 1).asDouble();
        assertThat(p50).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(p99);
        // The records were produced moments ago: latency is seconds, not the hours of a wrong clock.
        assertThat(p99).isLessThan(120_000);
    }

    @Test
    void lagIsListedPerInputPartitionAndReachesZero() {
        JsonNode snapshot = awaitSnapshot(s -> s.get("lag").size() == 2
                && s.get("lag").get(0).get("lag").asLong() == 0 && s.get("lag").get(1).get("lag").asLong() == 0);
        assertThat(snapshot.get("lag").get(0).get("topic").asString()).isEqualTo(service.input());
        assertThat(snapshot.get("lag").get(0).get("partition").asInt()).isZero();
        assertThat(snapshot.get("lag").get(1).get("partition").asInt()).isEqualTo(1);
    }

    @Test
    void panelsEndpointListsTheServicePanelAsDeclared() {
        JsonNode panels = JSON.readTree(app.get(DashboardController.PANELS_PATH).body());
        assertThat(panels).singleElement().satisfies(panel -> {
            assertThat(panel.get("title").asString()).isEqualTo("Busiest keys");
            assertThat(panel.get("chart").asString()).isEqualTo("BAR");
            assertThat(panel.get("query").asString()).isEqualTo("/api/stores/flow.counts/keys?limit=1000");
            assertThat(panel.get("label").asString()).isEqualTo("/key");
            assertThat(panel.get("columns").get(0).get("field").asString()).isEqualTo("/value");
            assertThat(panel.get("top").asInt()).isEqualTo(5);
        });
    }

    @Test
    void rootServesThePageAndItsChartLibraryFromThisService() {
        HttpResponse<String> page = app.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/html"));
        assertThat(page.body()).contains("/dashboard/dashboard.js", "/webjars/uplot/dist/uPlot.iife.min.js").doesNotContain("https://");

        HttpResponse<String> uplot = app.get("/webjars/uplot/dist/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        for (String asset : List.of("/dashboard/dashboard.js", "/dashboard/panels.js", "/dashboard/topology.js",
                "/dashboard/dashboard.css", "/webjars/uplot/dist/uPlot.min.css")) {
            assertThat(app.get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void topologyEndpointDescribesTheServiceTopology() {
        JsonNode topology = JSON.readTree(app.get("/api/topology").body());
        assertThat(topology.get("sourceTopics")).extracting(JsonNode::asString).containsExactly(service.input());
        assertThat(topology.get("sinkTopics")).extracting(JsonNode::asString).containsExactly(service.output());
        assertThat(topology.get("stores")).extracting(JsonNode::asString).containsExactly(FlowTestService.COUNTS);
        assertThat(topology.get("subtopologies")).hasSize(1);
        List<String> nodes = new ArrayList<>();
        topology.get("subtopologies").get(0).get("nodes").forEach(node -> nodes.add(node.get("name").asString()));
        assertThat(nodes).contains("words", "upper-case", "upper-words", "count-per-key");
    }

    private static JsonNode awaitSnapshot(Predicate<JsonNode> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode snapshot;
        do {
            snapshot = JSON.readTree(app.get(DashboardController.SNAPSHOT_PATH).body());
            if (until.test(snapshot)) {
                return snapshot;
            }
            AppInstance.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the dashboard never showed the expected figures; last: " + snapshot);
    }

    private static void produce(String key, String word) {
        KafkaStack.produce(service.input(), key.getBytes(StandardCharsets.UTF_8), word.getBytes(StandardCharsets.UTF_8));
    }
}
