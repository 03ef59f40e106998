package io.streamsuite.recommendations;

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
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.UserInteraction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * recommendation-updater's dashboard in a real headless Chromium, with shoppers interacting on the real
 * broker and registry: the kit's charts and the trending panel draw, every figure shown is what the REST
 * API answers at that moment (each category's row is what /api/categories/{category}/trending answers),
 * the page logs no error, and a screenshot lands in target/.
 */
@WithKafkaStack
class RecommendationDashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String TRENDING = "[data-panel='service-0']";
    private static final List<String> CATEGORIES = List.of("books", "garden", "home", "toys");
    private static final int ITEMS_PER_CATEGORY = 6;

    @Test
    void pageShowsEachCategorysCurrentTrendingWindowAsTheApiAnswersIt() throws Exception {
        KafkaStack.createTopics(3, RecommendationTopics.INTERACTIONS, RecommendationTopics.ITEMS);
        KafkaStack.truncate(RecommendationTopics.INTERACTIONS);
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        for (String category : CATEGORIES) {
            for (int i = 0; i < ITEMS_PER_CATEGORY; i++) {
                Item item = Shop.item(itemId(category, i), category, true);
                KafkaStack.produce(RecommendationTopics.ITEMS, item.getItemId(), item, Serdes.String().serializer(),
                        serdes.valueSerde(Item.class).serializer());
            }
        }
        try (AppInstance recs = AppInstance.start(RecommendationUpdaterApplication.class, "recs-dashboard-test", Map.of());
             Shoppers shoppers = new Shoppers(serdes)) {
            recs.awaitReady(WAIT);
            // Interactions find their category in the catalog: let the catalog arrive first.
            DashboardChecks.awaitQuiet(recs, WAIT);
            KafkaStack.produce(RecommendationTopics.INTERACTIONS, "poison-dashboard".getBytes(StandardCharsets.UTF_8),
                    new byte[] {0x13, 0x37, 0x00, 0x42});
            shoppers.start();
            String token = TestTokens.reader().substring("Bearer ".length());
            try (DashboardBrowser page = DashboardBrowser.open(recs.baseUrl() + "/#token=" + token)) {
                page.awaitChartsDrawn(5, WAIT);
                page.await("every category trending", WAIT, () -> page.tableRows(TRENDING).size() == CATEGORIES.size());
                shoppers.runFor(Duration.ofSeconds(25));
                shoppers.close();

                DashboardChecks.awaitQuiet(recs, WAIT);
                page.await("the page's figures equal the API's", Duration.ofSeconds(30), () -> differences(page, recs).isEmpty());
                assertThat(differences(page, recs)).isEmpty();

                // Right, not only alike: the current window holds every interaction sent (the test is far shorter than
                // its 10 minutes), so each item shown scores the weights sent for it, most popular first.
                for (JsonNode category : get(recs, "/api/categories/trending").get("items")) {
                    List<Double> scores = new ArrayList<>();
                    List<String> shown = new ArrayList<>();
                    for (JsonNode item : category.get("items")) {
                        assertThat(item.get("score").asDouble()).as(item.get("itemId").asString())
                                .isEqualTo(shoppers.weightOf(item.get("itemId").asString()));
                        scores.add(item.get("score").asDouble());
                        shown.add(item.get("itemId").asString());
                    }
                    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
                    // Every item anyone touched in the category (fewer than the ten shown at most).
                    assertThat(shown).containsExactlyInAnyOrderElementsOf(shoppers.itemsOf(category.get("category").asString()));
                }
                // Earlier tests of this JVM may have left poison on the shared compacted inputs: the page shows what the
                // service's own dead-letter topic holds, our poison record among it.
                List<String> undecodable = DashboardChecks.deadLetterKeys("recs-dashboard-test.dlq", "deserialization");
                assertThat(undecodable).contains("poison-dashboard");
                assertThat(page.bars("[data-panel='dead-letters']"))
                        .contains(DashboardChecks.bar("deserialization", String.valueOf(undecodable.size())));
                assertThat(page.topologyNodes()).isGreaterThan(10);

                page.screenshot(Path.of("target", "dashboard", "recommendation-updater.png"));
                assertThat(page.errors()).isEmpty();
            }
        } finally {
            KafkaStack.truncate(RecommendationTopics.INTERACTIONS);
        }
    }

    /** The kit's figures against /api/dashboard; each trending row against /api/categories/{category}/trending. */
    private static List<String> differences(DashboardBrowser page, AppInstance recs) {
        List<String> differences = new ArrayList<>(DashboardChecks.kitDifferences(page, get(recs, "/api/dashboard")));
        List<List<String>> trending = CATEGORIES.stream()
                .map(category -> get(recs, "/api/categories/" + category + "/trending"))
                .map(window -> List.of(window.get("category").asString(), DashboardBrowser.shown(window.get("windowStart")),
                        DashboardBrowser.shown(window.get("items"), "/itemId", "/score")))
                .toList();
        compare(differences, "trending", page.tableRows(TRENDING), trending);
        return differences;
    }

    private static String itemId(String category, int i) {
        return category + "-item-" + i;
    }

    /** About 20 interactions a second of 60 shoppers, the first items of a category the most popular. */
    private static final class Shoppers implements AutoCloseable {
        private static final Map<InteractionType, Double> WEIGHTS = Map.of(InteractionType.VIEW, 1.0,
                InteractionType.CART, 2.0, InteractionType.PURCHASE, 4.0);
        private final KafkaProducer<String, UserInteraction> producer;
        private final Random random = new Random(7);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, Double> weights = new ConcurrentHashMap<>();
        private Thread thread;
        private long startedAt;

        Shoppers(AvroSerdes serdes) {
            producer = new KafkaProducer<>(KafkaStack.clientConfig(), Serdes.String().serializer(),
                    serdes.valueSerde(UserInteraction.class).serializer());
        }

        void start() {
            startedAt = System.nanoTime();
            thread = new Thread(() -> {
                while (running.get()) {
                    interact();
                    AppInstance.sleep(50);
                }
            }, "dashboard-shoppers");
            thread.setDaemon(true);
            thread.start();
        }

        private void interact() {
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            String item = itemId(category, Math.min(ITEMS_PER_CATEGORY - 1, (int) Math.abs(random.nextGaussian() * 2)));
            int roll = random.nextInt(10);
            InteractionType type = roll < 7 ? InteractionType.VIEW : roll < 9 ? InteractionType.CART : InteractionType.PURCHASE;
            String user = "shopper-" + random.nextInt(60);
            producer.send(new ProducerRecord<>(RecommendationTopics.INTERACTIONS, user,
                    Shop.interaction(user, item, type, Instant.now())), (metadata, failure) -> {
                        if (failure == null) {
                            weights.merge(item, WEIGHTS.get(type), Double::sum);
                        }
                    });
        }

        List<String> itemsOf(String category) {
            return weights.keySet().stream().filter(item -> item.startsWith(category + "-")).toList();
        }

        double weightOf(String item) {
            return weights.getOrDefault(item, 0.0);
        }

        void runFor(Duration duration) {
            long left = startedAt + duration.toNanos() - System.nanoTime();
            if (left > 0) {
                AppInstance.sleep(left / 1_000_000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(30_000);
            }
            producer.close(Duration.ofSeconds(30));
        }
    }
}
