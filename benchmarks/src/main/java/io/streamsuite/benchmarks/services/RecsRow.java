package io.streamsuite.benchmarks.services;

import io.streamsuite.benchmarks.Drain;
import io.streamsuite.benchmarks.Processes;
import io.streamsuite.benchmarks.Row;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.localstack.ServiceProcess;
import io.streamsuite.schemas.shop.Item;
import io.streamsuite.schemas.shop.RecommendedItem;
import io.streamsuite.schemas.shop.UserInteraction;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * recommendation-updater's row: the simulator's shop traffic, minus each user's held-out purchase ({@link HitRate}),
 * drained by the passthrough and then by the service; hit-rate@10 of the service's final recommendations
 * ({@code shop.recommendations}, latest per user) beside the most-popular-in-category baseline computed here
 * from the same input.
 *
 * <p>The simulator writes {@code shop.interactions} itself, so the harness reads its output back, deletes the
 * topic and writes the kept records again (same partition, key, value bytes, timestamp) before anything reads it.
 */
public final class RecsRow {

    static final String SECTION = "8 recommendation-updater";
    static final String MODULE = "recommendation-updater";
    static final String INTERACTIONS = "shop.interactions";
    static final String ITEMS = "shop.items";
    static final String RECOMMENDATIONS = "shop.recommendations";
    static final int K = 10;
    static final int MIN_HISTORY = 3;
    static final Duration QUIET = Duration.ofSeconds(15);
    static final Duration REFRESH_CAP = Duration.ofMinutes(3);

    private final ServiceBench bench;
    private final int port;
    private final int population;

    public RecsRow(ServiceBench bench, int port, int population) {
        this.bench = bench;
        this.port = port;
        this.population = population;
    }

    public void run() {
        var kafka = bench.kafka();
        long records = bench.records();
        kafka.createTopics(3, Map.of("retention.ms", "-1"), INTERACTIONS);
        kafka.createTopics(3, Map.of("cleanup.policy", "compact"), ITEMS);
        ServiceBench.say("recommendation-updater: " + records + " shop events from the simulator ...");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        bench.simulator("simulator-shop", List.of("--domains=shop", "--count=" + records, "--rate=0",
                "--seed=" + bench.seed(), "--start=" + start, "--poison-share=0", "--population=" + population),
                Duration.ofMinutes(30));

        AvroSerdes serdes = bench.serdes();
        Deserializer<UserInteraction> interactions = serdes.valueSerde(UserInteraction.class).deserializer();
        List<ConsumerRecord<byte[], byte[]>> raw = kafka.readAll(INTERACTIONS);
        List<HitRate.Interaction> all = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            UserInteraction interaction = interactions.deserialize(INTERACTIONS, raw.get(i).value());
            all.add(new HitRate.Interaction(i, interaction.getUserId(), interaction.getItemId(),
                    interaction.getType().name(), interaction.getEventTime().toEpochMilli()));
        }
        HitRate.Split split = HitRate.split(all, MIN_HISTORY);
        rewrite(raw, split.kept());
        ServiceBench.say("recommendation-updater: " + split.kept().size() + " of " + raw.size() + " interactions kept, "
                + split.heldOut().size() + " users' last purchases held out; passthrough, then the service ...");

        Drain limit = bench.passthrough(INTERACTIONS, "shop");
        ServiceProcess service = bench.start(MODULE, port, "a");
        Drain drain = bench.drain(service, MODULE, INTERACTIONS);
        bench.drainRows(SECTION, INTERACTIONS, limit, drain);
        awaitRefreshed();

        Map<String, List<String>> recommended = recommendations(serdes);
        bench.stop(service);
        Map<String, String> categoryOf = new HashMap<>();
        Set<String> outOfStock = new HashSet<>();
        Deserializer<Item> items = serdes.valueSerde(Item.class).deserializer();
        for (ConsumerRecord<byte[], byte[]> record : bench.latestByKey(ITEMS).values()) {
            Item item = items.deserialize(ITEMS, record.value());
            categoryOf.put(item.getItemId(), item.getCategory());
            if (!Boolean.TRUE.equals(item.getInStock())) {
                outOfStock.add(item.getItemId());
            }
        }
        Map<String, List<String>> popular = HitRate.popularInCategory(split.training(all), categoryOf, outOfStock,
                split.heldOut().keySet(), K);
        report(split.heldOut(), recommended, popular);
    }

    private void report(Map<String, String> heldOut, Map<String, List<String>> recommended,
                        Map<String, List<String>> popular) {
        int users = heldOut.size();
        double service = HitRate.hitRate(heldOut, recommended, K);
        double baseline = HitRate.hitRate(heldOut, popular, K);
        // "Clearly above": at least 1.5× the baseline and more than two standard errors of the difference above it.
        double standardError = Math.sqrt(service * (1 - service) / users + baseline * (1 - baseline) / users);
        boolean clearly = service >= 1.5 * baseline && service - baseline > 2 * standardError;
        long covered = heldOut.keySet().stream().filter(u -> !recommended.getOrDefault(u, List.of()).isEmpty()).count();
        var results = bench.results();
        results.add(new Row(SECTION, "hit-rate@" + K + " on held-out purchases (" + users + " users)", 100 * service, "%",
                "most popular in the user's category", 100 * baseline, "clearly above the baseline", clearly));
        results.add(new Row(SECTION, "held-out users with recommendations", covered, "users", "held-out users", users,
                null, null));
        results.note(String.format(Locale.ROOT, "recommendation-updater hit-rate@%d: %.1f %% (service) vs %.1f %% "
                + "(most popular in category), %d users; held out per user: the last purchase, the user's input stopping "
                + "before it and holding none of their interactions with that item (minimum %d interactions left); "
                + "service = its final shop.recommendations record per user; baseline = top %d items by purchases (then "
                + "interactions) in the category of most of the user's interactions, from the same input, minus the "
                + "user's purchases and out-of-stock items; 'clearly above' = ≥ 1.5× and > 2 standard errors (%.1f points) "
                + "above; %d users in all had a non-empty recommendation record", K, 100 * service, 100 * baseline, users,
                MIN_HISTORY, K, 200 * standardError, recommended.values().stream().filter(l -> !l.isEmpty()).count()));
    }

    /**
     * After the drain the service still re-scores its users from the final related items (a wall-clock refresh
     * of a batch of users per task every 2 s): waits until the recommendations have stopped changing for
     * {@link #QUIET} with nothing pending in the group, at most {@link #REFRESH_CAP}.
     */
    private void awaitRefreshed() {
        var kafka = bench.kafka();
        long started = System.nanoTime();
        long deadline = started + REFRESH_CAP.toNanos();
        long seen = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = kafka.endOffset(RECOMMENDATIONS);
            if (now != seen || kafka.lag(MODULE) != 0) {
                seen = now;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince >= QUIET.toNanos()) {
                break;
            }
            Processes.sleep(500);
        }
        ServiceBench.say(String.format(Locale.ROOT, "recommendation-updater: recommendations still after %.0f s of refresh",
                (System.nanoTime() - started) / 1e9));
    }

    /** Replaces the simulator's interactions by the kept ones: same partition, key, value bytes and timestamp. */
    private void rewrite(List<ConsumerRecord<byte[], byte[]>> raw, Set<Integer> kept) {
        var kafka = bench.kafka();
        int partitions = kafka.partitions(INTERACTIONS).size();
        kafka.deleteTopics(List.of(INTERACTIONS), Duration.ofMinutes(2));
        kafka.createTopics(partitions, Map.of("retention.ms", "-1"), INTERACTIONS);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrap(),
                "acks", "all", "enable.idempotence", true, "linger.ms", 20, "batch.size", 262144),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < raw.size(); i++) {
                if (kept.contains(i)) {
                    ConsumerRecord<byte[], byte[]> r = raw.get(i);
                    producer.send(new ProducerRecord<>(INTERACTIONS, r.partition(), r.timestamp(), r.key(), r.value(),
                            r.headers()));
                }
            }
            producer.flush();
        }
        long written = kafka.endOffset(INTERACTIONS);
        if (written != kept.size()) {
            throw new IllegalStateException("wrote " + written + " interactions back, expected " + kept.size());
        }
    }

    /** User id → the item ids of their latest UserRecommendations, best first. */
    private Map<String, List<String>> recommendations(AvroSerdes serdes) {
        Deserializer<UserRecommendations> deserializer = serdes.valueSerde(UserRecommendations.class).deserializer();
        Map<String, List<String>> byUser = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : bench.latestByKey(RECOMMENDATIONS).values()) {
            UserRecommendations recs = deserializer.deserialize(RECOMMENDATIONS, record.value());
            byUser.put(recs.getUserId(), recs.getItems().stream().map(RecommendedItem::getItemId).toList());
        }
        return byUser;
    }
}
