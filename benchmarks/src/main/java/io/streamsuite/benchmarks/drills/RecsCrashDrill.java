package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.benchmarks.Processes;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.shop.InteractionType;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.UserInteraction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;

/**
 * recommendation-updater killed with SIGKILL twice mid-stream beside an uninterrupted run on the same input (its own
 * broker, see {@link CrashPair}); afterwards its recommendations, conversion counts and related items equal the
 * uninterrupted run's exactly.
 *
 * <p>What makes "equal" exact rather than approximate:
 * <ul>
 *   <li>Co-occurrence decay is off ({@code half-life: 0s}): weights are then sums of the small integers 1, 2 and 4, the
 *   same in whatever order an item's pair batches arrive from the three upstream tasks. (With decay, the float
 *   rounding of those sums differs in the last bit between orders, in any two runs, crashed or not.)</li>
 *   <li>{@code grace: 1h} covers the input's 30 minutes of event time, so no interaction can be late in one run and on
 *   time in the other, whatever order a restarted instance drains its backlog in.</li>
 *   <li>A user's candidates are scored from the global related-items table as it is when the interaction is
 *   processed, which depends on timing in any run. So the users compared are probes that arrive after the learning
 *   traffic has drained and the global table is known to hold all of it (a barrier through marker items, one per
 *   partition of {@code shop.related-items}); each probe interacts once (no pairs), so the global table stays still
 *   while the probes are scored. The learning users' conversions and every item's related items are compared too.</li>
 * </ul>
 * One kill lands in the learning traffic, one among the probes.
 */
final class RecsCrashDrill {

    static final String MODULE = "recommendation-updater";
    static final String INTERACTIONS = "shop.interactions";
    static final String ITEMS = "shop.items";
    private static final String[] CATEGORIES = {"books", "games", "garden", "tools"};
    private static final int ITEMS_PER_CATEGORY = 10;
    private static final int PARTITIONS = 3;
    private static final String SENTINEL = "mark-s";
    private static final String MARKER_CATEGORY = "markers";
    private static final Duration SPAN = Duration.ofMinutes(30);

    private RecsCrashDrill() {
    }

    static DrillResult run(DrillStack stack, DrillSizes sizes, long seed) {
        long started = System.nanoTime();
        DrillResult result = new DrillResult("recs crash (kill -9 × 2, recommendation-updater)");
        KafkaOps crashedKafka = stack.kafka();
        KafkaOps referenceKafka = stack.referenceKafka();
        for (KafkaOps kafka : List.of(crashedKafka, referenceKafka)) {
            kafka.createTopics(PARTITIONS, Map.of(), INTERACTIONS, RecsOutputs.CONVERSIONS);
            kafka.createTopics(PARTITIONS, Map.of("cleanup.policy", "compact"), ITEMS, RecsOutputs.RECOMMENDATIONS,
                    RecsOutputs.RELATED);
        }
        Random random = new Random(seed);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
        List<String> markers = markerItems();
        try (TwinInput input = new TwinInput(stack.directRegistryUrl(), crashedKafka, referenceKafka)) {
            for (String itemId : catalog()) {
                input.send(ITEMS, itemId, item(itemId, categoryOf(itemId), true));
            }
            for (String marker : markers) {
                input.send(ITEMS, marker, item(marker, MARKER_CATEGORY, true));
            }
            input.send(ITEMS, SENTINEL, item(SENTINEL, MARKER_CATEGORY, true));
            input.flush();
            try (CrashPair runs = CrashPair.start(stack, MODULE, Map.of(
                    "recommendations.co-occurrence.half-life", "0s", "recommendations.grace", "1h"))) {
                // Learning traffic, with stock changes in it, and the first kill at a random moment within it.
                List<UserInteraction> learning = learningTraffic(random, sizes.recsUsers(), base);
                Set<String> outOfStock = new HashSet<>();
                Thread feed = feed(input, learning, sizes.recsRate(), outOfStock, true);
                Processes.sleep(2000 + random.nextInt((int) Math.max(1, 1000L * learning.size() / sizes.recsRate() - 3000)));
                runs.killAndRestart();
                join(feed);
                runs.awaitCrashedReady();
                runs.awaitDrained(INTERACTIONS, ITEMS);

                stack.log("recs: learning traffic drained (" + learning.size() + " interactions); barrier on the global tables");
                int barrierProbes = awaitGlobalTablesHold(stack, input, markers, base.plus(SPAN));
                result.count("barrier probes", barrierProbes);

                // Probes, each one interaction on the settled table; the second kill among them; then one more item
                // goes out of stock, which must leave every probe's recommendations that held it.
                List<UserInteraction> probes = probes(random, sizes.recsProbes(), base.plus(SPAN));
                stack.log("recs: global tables hold the learning traffic (" + barrierProbes + " barrier probes); probes");
                feed = feed(input, probes, sizes.recsRate(), outOfStock, false);
                Processes.sleep(500 + random.nextInt((int) Math.max(1, 1000L * probes.size() / sizes.recsRate() - 1000)));
                runs.killAndRestart();
                join(feed);
                String lastOut = catalog().get(2);
                input.send(ITEMS, lastOut, item(lastOut, categoryOf(lastOut), false));
                outOfStock.add(lastOut);
                input.flush();
                runs.awaitCrashedReady();
                runs.awaitDrained(INTERACTIONS, ITEMS);
                result.count("kills", runs.kills()).count("interactions", learning.size() + probes.size() + barrierProbes)
                        .count("out of stock", outOfStock.size());

                stack.log("recs: probes drained; comparing");
                RecsOutputs crashed = RecsOutputs.read(crashedKafka, stack.directRegistryUrl());
                RecsOutputs reference = RecsOutputs.read(referenceKafka, stack.directRegistryUrl());
                compare(result, crashed, reference, probes, outOfStock);
                result.expect(runs.kills() == 2, "2 kills done");
            }
        }
        result.count("seconds", (System.nanoTime() - started) / 1_000_000_000L);
        return result;
    }

    private static void compare(DrillResult result, RecsOutputs crashed, RecsOutputs reference,
                                List<UserInteraction> probes, Set<String> outOfStock) {
        Set<String> probeUsers = new HashSet<>();
        probes.forEach(p -> probeUsers.add(p.getUserId()));
        Map<String, String> crashedRecs = crashed.recommendationsOf(probeUsers);
        Map<String, String> referenceRecs = reference.recommendationsOf(probeUsers);
        long withItems = referenceRecs.values().stream().filter(r -> r.contains("=")).count();
        result.count("probe users", probeUsers.size()).count("probes recommended", withItems)
                .count("recommendations differing", differing(crashedRecs, referenceRecs));
        result.expect(crashedRecs.equals(referenceRecs),
                "every probe user's recommendations equal the uninterrupted run's (items and scores)");
        result.expect(withItems >= probeUsers.size() / 2, "most probes got recommendations to compare");
        long outOfStockShown = crashedRecs.values().stream()
                .filter(r -> outOfStock.stream().anyMatch(item -> r.contains(item + "="))).count();
        result.count("recommendations with an out-of-stock item", outOfStockShown);
        result.expect(outOfStockShown == 0, "no out-of-stock item in any probe's recommendations");

        Map<String, String> crashedConversions = crashed.conversions();
        Map<String, String> referenceConversions = reference.conversions();
        result.count("conversion windows", referenceConversions.size())
                .count("conversions", RecsOutputs.convertedPurchases(referenceConversions))
                .count("crashed-run conversions", RecsOutputs.convertedPurchases(crashedConversions))
                .count("conversion windows differing", differing(crashedConversions, referenceConversions));
        result.expect(crashedConversions.equals(referenceConversions),
                "every item's conversion counts (views, converted purchases, rate) per 1 h window equal the uninterrupted run's");
        result.expect(RecsOutputs.convertedPurchases(referenceConversions) > 0, "the input converted some views");

        Map<String, String> crashedRelated = crashed.related();
        Map<String, String> referenceRelated = reference.related();
        result.count("items with related items", referenceRelated.size())
                .count("related lists differing", differing(crashedRelated, referenceRelated));
        result.expect(crashedRelated.equals(referenceRelated),
                "every item's related items and co-occurrence weights equal the uninterrupted run's");
    }

    private static long differing(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(a.get(k), b.get(k))).count();
    }

    /**
     * Waits until the global related-items table of both runs holds everything written so far: a marker user makes
     * co-occurrences between the sentinel and one marker item per partition of {@code shop.related-items}; a fresh
     * probe viewing marker item i is recommended the sentinel only once its global copy has read partition i past
     * the learning traffic's last write. Probes are sent again until every partition has answered in both runs.
     */
    private static int awaitGlobalTablesHold(DrillStack stack, TwinInput input, List<String> markers, Instant at) {
        KafkaOps crashed = stack.kafka();
        KafkaOps reference = stack.referenceKafka();
        input.send(INTERACTIONS, "marker-user", interaction("marker-user", SENTINEL, InteractionType.VIEW, at, 0));
        for (int i = 0; i < markers.size(); i++) {
            input.send(INTERACTIONS, "marker-user", interaction("marker-user", markers.get(i), InteractionType.VIEW, at, i + 1));
        }
        input.flush();
        Set<String> pending = new HashSet<>();
        for (String run : List.of("crashed", "reference")) {
            markers.forEach(m -> pending.add(run + "/" + m));
        }
        AvroSerdes serdes = RecsOutputs.serdes(stack.directRegistryUrl());
        int sent = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            stack.log("recs: barrier attempt " + attempt + ", waiting for " + pending);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the global related-items tables did not catch up: " + pending);
            }
            for (String marker : markers) {
                String probe = "barrier-" + attempt + "-" + marker;
                input.send(INTERACTIONS, probe, interaction(probe, marker, InteractionType.VIEW, at, 0));
                sent++;
            }
            input.flush();
            long attemptEnd = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            Map<String, String> crashedRecs = Map.of();
            Map<String, String> referenceRecs = Map.of();
            while (System.nanoTime() < attemptEnd && !pending.isEmpty()) {
                Processes.sleep(500);
                crashedRecs = RecsOutputs.latestRecommendations(crashed, serdes);
                referenceRecs = RecsOutputs.latestRecommendations(reference, serdes);
                for (String marker : markers) {
                    String probe = "barrier-" + attempt + "-" + marker;
                    if (crashedRecs.getOrDefault(probe, "").contains(SENTINEL + "=")) {
                        pending.remove("crashed/" + marker);
                    }
                    if (referenceRecs.getOrDefault(probe, "").contains(SENTINEL + "=")) {
                        pending.remove("reference/" + marker);
                    }
                }
            }
            String prefix = "barrier-" + attempt + "-";
            stack.log("recs: barrier probes recommended, crashed run " + only(crashedRecs, prefix) + ", reference run "
                    + only(referenceRecs, prefix) + " (of " + crashedRecs.size() + "/" + referenceRecs.size() + " users)");
        }
        return sent;
    }

    private static Map<String, String> only(Map<String, String> recommendations, String userPrefix) {
        Map<String, String> of = new java.util.TreeMap<>();
        recommendations.forEach((user, items) -> {
            if (user.startsWith(userPrefix)) {
                of.put(user, items);
            }
        });
        return of;
    }

    /** One marker item per partition of shop.related-items (keyed by item id with the default partitioner). */
    static List<String> markerItems() {
        String[] byPartition = new String[PARTITIONS];
        int found = 0;
        for (int n = 0; found < PARTITIONS; n++) {
            String candidate = "mark-" + n;
            int partition = Utils.toPositive(Utils.murmur2(candidate.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (byPartition[partition] == null) {
                byPartition[partition] = candidate;
                found++;
            }
        }
        return List.of(byPartition);
    }

    private static Thread feed(TwinInput input, List<UserInteraction> interactions, int rate, Set<String> outOfStock,
                               boolean stockChanges) {
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < interactions.size(); i++) {
                UserInteraction interaction = interactions.get(i);
                input.send(INTERACTIONS, interaction.getUserId(), interaction);
                if (stockChanges) {
                    changeStock(input, i, interactions.size(), outOfStock);
                }
                long due = start + i * 1_000_000_000L / rate;
                long wait = (due - System.nanoTime()) / 1_000_000;
                if (wait > 0) {
                    Processes.sleep(wait);
                }
            }
            input.flush();
        }, "recs-drill-feed");
        thread.start();
        return thread;
    }

    /** Stock changes within the learning traffic: two items out, the first of them back in later. */
    private static void changeStock(TwinInput input, int i, int total, Set<String> outOfStock) {
        String first = catalog().get(5);
        String second = catalog().get(13);
        if (i == total * 2 / 5 || i == total * 3 / 5) {
            String itemId = i == total * 2 / 5 ? first : second;
            input.send(ITEMS, itemId, item(itemId, categoryOf(itemId), false));
            outOfStock.add(itemId);
        } else if (i == total * 4 / 5 && outOfStock.remove(first)) {
            input.send(ITEMS, first, item(first, categoryOf(first), true));
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofMinutes(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Users in four segments, each mostly shopping one category: views, carts, purchases (often after a view of the
     * same item, so conversions happen) and ratings, round-robin over the users, event times rising over 30 minutes.
     */
    static List<UserInteraction> learningTraffic(Random random, int users, Instant base) {
        List<List<UserInteraction>> perUser = new ArrayList<>();
        int total = 0;
        for (int u = 0; u < users; u++) {
            String userId = String.format("u-%04d", u);
            String favourite = CATEGORIES[u % CATEGORIES.length];
            List<UserInteraction> mine = new ArrayList<>();
            int count = 8 + random.nextInt(8);
            for (int k = 0; k < count; k++) {
                String category = random.nextInt(5) == 0 ? CATEGORIES[random.nextInt(CATEGORIES.length)] : favourite;
                String itemId = itemOf(category, random.nextInt(ITEMS_PER_CATEGORY));
                int roll = random.nextInt(20);
                if (roll < 11) {
                    mine.add(interaction(userId, itemId, InteractionType.VIEW, null, 0));
                } else if (roll < 14) {
                    mine.add(interaction(userId, itemId, InteractionType.CART, null, 0));
                } else if (roll < 18) {
                    // Views before a purchase: one conversion, however many views.
                    int views = random.nextInt(3);
                    for (int v = 0; v < views; v++) {
                        mine.add(interaction(userId, itemId, InteractionType.VIEW, null, 0));
                    }
                    mine.add(interaction(userId, itemId, InteractionType.PURCHASE, null, 0));
                } else {
                    UserInteraction rating = interaction(userId, itemId, InteractionType.RATING, null, 0);
                    rating.setRating(1 + random.nextInt(5));
                    mine.add(rating);
                }
            }
            total += mine.size();
            perUser.add(mine);
        }
        List<UserInteraction> traffic = new ArrayList<>(total);
        for (int round = 0; traffic.size() < total; round++) {
            for (List<UserInteraction> mine : perUser) {
                if (round < mine.size()) {
                    traffic.add(mine.get(round));
                }
            }
        }
        for (int i = 0; i < traffic.size(); i++) {
            // Whole seconds, rising: the 1 h conversion windows and the 30 min view-purchase join see real spans.
            UserInteraction interaction = traffic.get(i);
            interaction.setEventTime(base.plusSeconds(SPAN.toSeconds() * i / traffic.size()));
            interaction.setInteractionId(interaction.getUserId() + "-" + i);
        }
        return traffic;
    }

    static List<UserInteraction> probes(Random random, int count, Instant at) {
        InteractionType[] types = {InteractionType.VIEW, InteractionType.VIEW, InteractionType.CART, InteractionType.PURCHASE};
        List<UserInteraction> probes = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            String category = CATEGORIES[p % CATEGORIES.length];
            probes.add(interaction(String.format("p-%04d", p), itemOf(category, random.nextInt(ITEMS_PER_CATEGORY)),
                    types[random.nextInt(types.length)], at, p));
        }
        return probes;
    }

    private static UserInteraction interaction(String userId, String itemId, InteractionType type, Instant at, int n) {
        return UserInteraction.newBuilder().setInteractionId(userId + "-" + itemId + "-" + n).setUserId(userId)
                .setItemId(itemId).setType(type).setRating(null).setEventTime(at == null ? Instant.EPOCH : at).build();
    }

    static List<String> catalog() {
        List<String> ids = new ArrayList<>();
        for (String category : CATEGORIES) {
            for (int i = 0; i < ITEMS_PER_CATEGORY; i++) {
                ids.add(itemOf(category, i));
            }
        }
        return ids;
    }

    private static String itemOf(String category, int n) {
        return category + "-" + n;
    }

    private static String categoryOf(String itemId) {
        return itemId.substring(0, itemId.indexOf('-'));
    }

    private static Item item(String itemId, String category, boolean inStock) {
        return new Item(itemId, "Item " + itemId, category, new BigDecimal("9.99"), List.of(), inStock);
    }
}
