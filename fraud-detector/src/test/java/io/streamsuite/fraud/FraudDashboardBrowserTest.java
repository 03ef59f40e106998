package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.DashboardBrowser;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.payments.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fraud detector's dashboard in a real headless Chromium, with payments flowing on the real
 * broker and registry: the charts draw, and every figure the page shows is what the REST API
 * answers at that moment; the page logs no error; a screenshot lands in target/.
 */
@WithKafkaStack
class FraudDashboardBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String VELOCITY_CARD = "4000009999999991";
    private static final String CARD_TESTED = "4000009999999992";

    @Test
    void pageDrawsTheChartsAndShowsWhatTheApiAnswers() throws Exception {
        KafkaStack.createTopics(3, FraudTopics.TRANSACTIONS, FraudTopics.ACCOUNTS);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        try (AppInstance fraud = FraudInstance.start(Map.of())) {
            fraud.awaitReady(WAIT);
            Traffic traffic = new Traffic(serdes);
            traffic.start();
            try (DashboardBrowser page = DashboardBrowser.open(fraud.baseUrl() + "/")) {
                page.awaitChartsDrawn(5, WAIT);
                page.await("alerts on the page", WAIT, () -> !page.tableRows("[data-panel='service-0']").isEmpty());
                // Long enough for the charts to show a stretch of traffic, in the screenshot too.
                traffic.awaitRunningFor(Duration.ofSeconds(25));
                traffic.stop();

                // Once the input is consumed the figures hold still, and the page must show exactly them.
                awaitQuiet(fraud, traffic.sent() + 1);
                page.await("the page's figures equal the API's", Duration.ofSeconds(30),
                        () -> differences(page, fraud).isEmpty());
                assertThat(differences(page, fraud)).isEmpty();

                JsonNode snapshot = get(fraud, "/api/dashboard");
                assertThat(snapshot.get("totals").get("recordsIn").asLong()).isEqualTo(traffic.sent() + 1);
                assertThat(page.bars("[data-panel='dead-letters']")).singleElement()
                        .satisfies(bar -> assertThat(bar).containsEntry("value", "1"));
                assertThat(page.tableRows("[data-panel='service-0']")).isNotEmpty()
                        .allSatisfy(row -> assertThat(row.get(1)).isIn("9991", "9992"));
                assertThat(page.bars("[data-panel='service-1']").get(0)).containsEntry("label", "9991");
                assertThat(page.script("return document.getElementById('topology').dataset.nodes")).isNotNull();
                assertThat((String) page.script("return document.getElementById('topology').dataset.nodes"))
                        .satisfies(nodes -> assertThat(Integer.parseInt(nodes)).isGreaterThan(5));

                page.screenshot(Path.of("target", "dashboard", "fraud-detector.png"));
                assertThat(page.errors()).isEmpty();
                // The check above can fail: an error the page logs does reach it.
                page.script("console.error('probe from the test')");
                assertThat(page.errors()).singleElement().satisfies(entry -> assertThat(entry.getMessage()).contains("probe from the test"));
            } finally {
                traffic.stop();
            }
        }
    }

    /** Every figure the page shows against the API's answer now; empty when they all agree. */
    private static List<String> differences(DashboardBrowser page, AppInstance fraud) {
        List<String> differences = new ArrayList<>();
        JsonNode snapshot = get(fraud, "/api/dashboard");
        compare(differences, "state", page.figure("state"), snapshot.get("state").asString());
        compare(differences, "records in", page.figure("recordsIn"), snapshot.get("totals").get("recordsIn").asString());
        compare(differences, "records out", page.figure("recordsOut"), snapshot.get("totals").get("recordsOut").asString());
        compare(differences, "thread replacements", page.figure("threadReplacements"), snapshot.get("threadReplacements").asString());
        compare(differences, "restored", page.figure("restored"), snapshot.get("restoration").get("restored").asString());
        compareNumber(differences, "in/s", page.figure("recordsInPerSecond"), last(snapshot, "recordsInPerSecond"));
        compareNumber(differences, "out/s", page.figure("recordsOutPerSecond"), last(snapshot, "recordsOutPerSecond"));
        compareNumber(differences, "p50", page.figure("e2eLatencyP50Ms"), last(snapshot, "e2eLatencyP50Ms"));
        compareNumber(differences, "p99", page.figure("e2eLatencyP99Ms"), last(snapshot, "e2eLatencyP99Ms"));

        List<Map<String, String>> lag = new ArrayList<>();
        snapshot.get("lag").forEach(l -> lag.add(bar(l.get("topic").asString() + "-" + l.get("partition").asInt(), l.get("lag").asString())));
        compare(differences, "lag", page.bars("[data-panel='lag']"), lag);
        List<Map<String, String>> deadLetters = new ArrayList<>();
        snapshot.get("deadLetters").forEach(d -> deadLetters.add(bar(d.get("reason").asString(), d.get("count").asString())));
        compare(differences, "dead letters", page.bars("[data-panel='dead-letters']"), deadLetters);
        List<List<String>> threads = new ArrayList<>();
        snapshot.get("threads").forEach(t -> threads.add(List.of(t.get("name").asString(), t.get("state").asString(),
                t.get("activeTasks").asString(), t.get("standbyTasks").asString())));
        compare(differences, "threads", page.tableRows("[data-panel='threads']"), threads);

        List<List<String>> alerts = new ArrayList<>();
        get(fraud, "/api/alerts?limit=10").get("items").forEach(alert -> alerts.add(List.of(text(alert.at("/detectedAt")),
                text(alert.at("/cardLast4")), text(alert.at("/score")), text(alert.at("/reasons")), text(alert.at("/transactionId")))));
        compare(differences, "recent alerts", page.tableRows("[data-panel='service-0']"), alerts);

        List<JsonNode> cards = new ArrayList<>();
        get(fraud, "/api/stores/" + FraudTopics.CARD_RISK_STORE + "/keys?limit=1000").get("items").forEach(cards::add);
        List<Map<String, String>> riskiest = cards.stream()
                .sorted(Comparator.comparingLong((JsonNode card) -> card.at("/value/alertCount").asLong()).reversed())
                .limit(10)
                .map(card -> bar(text(card.at("/value/cardLast4")), text(card.at("/value/alertCount"))))
                .toList();
        compare(differences, "riskiest cards", page.bars("[data-panel='service-1']"), riskiest);
        return differences;
    }

    private static void compare(List<String> differences, String what, Object shown, Object answered) {
        if (!java.util.Objects.equals(shown, answered)) {
            differences.add(what + ": page " + shown + ", API " + answered);
        }
    }

    private static void compareNumber(List<String> differences, String what, String shown, JsonNode answered) {
        boolean same = answered == null || answered.isNull()
                ? "–".equals(shown)
                : shown != null && !shown.equals("–") && Double.parseDouble(shown) == answered.asDouble();
        if (!same) {
            differences.add(what + ": page " + shown + ", API " + answered);
        }
    }

    private static JsonNode last(JsonNode snapshot, String series) {
        JsonNode values = snapshot.get("series").get(series);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static Map<String, String> bar(String label, String value) {
        Map<String, String> bar = new LinkedHashMap<>();
        bar.put("label", label);
        bar.put("value", value);
        return bar;
    }

    /** As the page writes a value: lists joined by ", ", everything else as its JSON text. */
    private static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            return String.join(", ", StreamSupport.stream(value.spliterator(), false).map(FraudDashboardBrowserTest::text).toList());
        }
        return value.isString() ? value.asString() : value.toString();
    }

    private static void awaitQuiet(AppInstance fraud, long recordsIn) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode snapshot = get(fraud, "/api/dashboard");
            boolean consumed = snapshot.get("totals").get("recordsIn").asLong() == recordsIn
                    && StreamSupport.stream(snapshot.get("lag").spliterator(), false).allMatch(l -> l.get("lag").asLong() == 0);
            if (consumed) {
                AppInstance.sleep(3000);
                JsonNode later = get(fraud, "/api/dashboard");
                if (later.get("totals").equals(snapshot.get("totals"))) {
                    return;
                }
            }
            AppInstance.sleep(500);
        }
        throw new AssertionError("fraud-detector did not consume the " + recordsIn + " records in time");
    }

    private static JsonNode get(AppInstance fraud, String path) {
        return JSON.readTree(fraud.getWhenAvailable(path).body());
    }

    /** Payments at about 25 a second: 400 ordinary cards (too few payments each to alert), one too fast (velocity), one card test, one poison. */
    private static final class Traffic {
        private final AvroSerdes serdes;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private Thread thread;
        private long startedAt;
        private KafkaProducer<String, Transaction> producer;

        Traffic(AvroSerdes serdes) {
            this.serdes = serdes;
        }

        void start() {
            startedAt = System.nanoTime();
            thread = new Thread(this::run, "dashboard-traffic");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            Map<String, Object> config = new java.util.HashMap<>(KafkaStack.clientConfig());
            producer = new KafkaProducer<>(config, Serdes.String().serializer(), serdes.valueSerde(Transaction.class).serializer());
            try {
                send();
            } finally {
                producer.close(Duration.ofSeconds(30));
            }
        }

        private void send() {
            pay(CARD_TESTED, "0.50");
            KafkaStack.produce(FraudTopics.TRANSACTIONS, "poison-dashboard".getBytes(StandardCharsets.UTF_8),
                    new byte[] {0x13, 0x37, 0x00, 0x42});
            for (int i = 0; running.get() && i < 2000; i++) {
                if (i == 10) {
                    pay(CARD_TESTED, "899.00");
                } else if (i % 5 == 0) {
                    pay(VELOCITY_CARD, "5.00");
                } else {
                    pay(String.format("4000010000000%03d", i % 400), "12.00");
                }
                AppInstance.sleep(40);
            }
        }

        private void pay(String card, String amount) {
            Transaction tx = Payments.card(card).account("acc-" + card.substring(12)).amount(amount).at(Instant.now()).build();
            // Sent without waiting for each acknowledgement, as a payment gateway would; counted once acknowledged.
            producer.send(new ProducerRecord<>(FraudTopics.TRANSACTIONS, card, tx), (metadata, failure) -> {
                if (failure == null) {
                    sent.incrementAndGet();
                }
            });
        }

        void awaitRunningFor(Duration duration) {
            long left = startedAt + duration.toNanos() - System.nanoTime();
            if (left > 0) {
                AppInstance.sleep(left / 1_000_000);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(30_000);
            }
        }

        int sent() {
            return sent.get();
        }
    }
}
