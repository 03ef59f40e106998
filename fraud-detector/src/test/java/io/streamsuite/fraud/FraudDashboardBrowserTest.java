package io.streamsuite.fraud;

import static io.streamsuite.kit.test.DashboardChecks.bar;
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
import io.streamsuite.schemas.payments.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The fraud detector's dashboard in a real headless Chromium, with payments flowing on the real
 * broker and registry: the charts draw, and every figure the page shows is what the REST API
 * answers at that moment; the page logs no error; a screenshot lands in target/.
 */
@WithKafkaStack
class FraudDashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String VELOCITY_CARD = "4000009999999991";
    private static final String CARD_TESTED = "4000009999999992";
    private static final String APPLICATION_ID = "fraud-dashboard-test";

    @Test
    void pageDrawsTheChartsAndShowsWhatTheApiAnswers() throws Exception {
        KafkaStack.createTopics(3, FraudTopics.TRANSACTIONS, FraudTopics.ACCOUNTS);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        // The test classes of this JVM share the broker and the input topic, one class at a time: this one reads
        // only its own payments (under its own application id) and leaves none behind for the next class.
        KafkaStack.truncate(FraudTopics.TRANSACTIONS);
        try (AppInstance fraud = FraudInstance.start(Map.of("streams-kit.application-id", APPLICATION_ID))) {
            fraud.awaitReady(WAIT);
            Traffic traffic = new Traffic(serdes);
            traffic.start();
            String token = TestTokens.reader().substring("Bearer ".length());
            // Without a token the page asks for one and shows no figure; the login field then lets it in.
            try (DashboardBrowser anonymous = DashboardBrowser.open(fraud.baseUrl() + "/")) {
                anonymous.await("the login prompt", WAIT, () -> Boolean.TRUE.equals(
                        anonymous.script("return document.getElementById('login')?.classList.contains('needed')")));
                assertThat(anonymous.figure("recordsIn")).isEqualTo("–");
                assertThat(anonymous.errors()).isNotEmpty().allSatisfy(entry -> assertThat(entry.getMessage()).contains("401"));
                anonymous.driver().findElement(By.id("token")).sendKeys(token);
                anonymous.driver().findElement(By.cssSelector("#login button")).click();
                anonymous.await("figures after logging in", WAIT, () -> !"–".equals(anonymous.figure("recordsIn")));
                assertThat(anonymous.errors()).isEmpty();
            }
            // The token rides in the fragment, as an operator would open it; the page keeps it for its API calls.
            try (DashboardBrowser page = DashboardBrowser.open(fraud.baseUrl() + "/#token=" + token)) {
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
                // The one poison record; the kit may also list other reasons at 0.
                assertThat(page.bars("[data-panel='dead-letters']")).contains(bar("deserialization", "1"))
                        .allSatisfy(bar -> assertThat(bar.get("value")).isIn("0", "1"));
                assertThat(page.tableRows("[data-panel='service-0']")).isNotEmpty()
                        .allSatisfy(row -> assertThat(row.get(1)).isIn("9991", "9992"));
                assertThat(page.bars("[data-panel='service-1']").get(0)).containsEntry("label", "9991");
                assertThat(page.topologyNodes()).isGreaterThan(5);

                page.screenshot(Path.of("target", "dashboard", "fraud-detector.png"));
                assertThat(page.script("return location.hash")).isEqualTo("");
                assertThat(page.errors()).isEmpty();
                // The check above can fail: an error the page logs does reach it.
                page.script("console.error('probe from the test')");
                assertThat(page.errors()).singleElement().satisfies(entry -> assertThat(entry.getMessage()).contains("probe from the test"));
            } finally {
                traffic.stop();
            }
        } finally {
            KafkaStack.truncate(FraudTopics.TRANSACTIONS);
        }
    }

    /** Every figure the page shows against the API's answer now; empty when they all agree. */
    private static List<String> differences(DashboardBrowser page, AppInstance fraud) {
        List<String> differences = new ArrayList<>(DashboardChecks.kitDifferences(page, get(fraud, "/api/dashboard")));
        List<List<String>> alerts = new ArrayList<>();
        get(fraud, "/api/alerts?limit=10").get("items").forEach(alert -> alerts.add(List.of("/detectedAt", "/cardLast4",
                "/score", "/reasons", "/transactionId").stream().map(field -> DashboardBrowser.shown(alert.at(field))).toList()));
        compare(differences, "recent alerts", page.tableRows("[data-panel='service-0']"), alerts);

        List<JsonNode> cards = new ArrayList<>();
        get(fraud, "/api/stores/" + FraudTopics.CARD_RISK_STORE + "/keys?limit=1000").get("items").forEach(cards::add);
        List<Map<String, String>> riskiest = cards.stream()
                .sorted(Comparator.comparingLong((JsonNode card) -> card.at("/value/alertCount").asLong()).reversed())
                .limit(10)
                .map(card -> bar(DashboardBrowser.shown(card.at("/value/cardLast4")), DashboardBrowser.shown(card.at("/value/alertCount"))))
                .toList();
        compare(differences, "riskiest cards", page.bars("[data-panel='service-1']"), riskiest);
        return differences;
    }

    private static void awaitQuiet(AppInstance fraud, long recordsIn) {
        JsonNode quiet = DashboardChecks.awaitQuiet(fraud, WAIT);
        assertThat(quiet.get("totals").get("recordsIn").asLong()).as("records the service consumed").isEqualTo(recordsIn);
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
            Map<String, Object> config = new HashMap<>(KafkaStack.clientConfig());
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
