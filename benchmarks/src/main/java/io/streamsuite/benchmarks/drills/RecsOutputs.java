package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.shop.ItemConversion;
import io.streamsuite.schemas.shop.RelatedItems;
import io.streamsuite.schemas.shop.UserRecommendations;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What one run of recommendation-updater committed (read_committed), as comparable text: the latest value per key
 * of its recommendations, conversion windows and related items. A key's latest value is its final state: each key
 * lives on one partition, written in order.
 */
final class RecsOutputs {

    static final String RECOMMENDATIONS = "shop.recommendations";
    static final String CONVERSIONS = "shop.conversions";
    static final String RELATED = "shop.related-items";

    private final Map<String, String> recommendations;
    private final Map<String, String> conversions;
    private final Map<String, String> related;

    private RecsOutputs(Map<String, String> recommendations, Map<String, String> conversions, Map<String, String> related) {
        this.recommendations = recommendations;
        this.conversions = conversions;
        this.related = related;
    }

    static RecsOutputs read(KafkaOps kafka, String registryUrl) {
        AvroSerdes serdes = serdes(registryUrl);
        Deserializer<ItemConversion> conversion = serdes.valueSerde(ItemConversion.class).deserializer();
        Deserializer<RelatedItems> relatedItems = serdes.valueSerde(RelatedItems.class).deserializer();
        Map<String, String> conversions = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(CONVERSIONS)) {
            ItemConversion c = conversion.deserialize(CONVERSIONS, record.value());
            if (!c.getItemId().startsWith("mark-")) {
                conversions.put(c.getItemId() + "@" + c.getWindowStart(), c.getViews() + " views "
                        + c.getConvertedPurchases() + " converted rate " + c.getRate());
            }
        }
        Map<String, String> related = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(RELATED)) {
            RelatedItems r = relatedItems.deserialize(RELATED, record.value());
            if (!r.getItemId().startsWith("mark-")) {
                related.put(r.getItemId(), r.getRelated().stream().map(i -> i.getItemId() + "=" + i.getWeight())
                        .collect(Collectors.joining(" ")) + " @" + r.getUpdatedAt());
            }
        }
        return new RecsOutputs(latestRecommendations(kafka, serdes), conversions, related);
    }

    /** User id → their latest recommendations as "item=score …  @updatedAt" (empty items: just the time). */
    static Map<String, String> latestRecommendations(KafkaOps kafka, AvroSerdes serdes) {
        Deserializer<UserRecommendations> deserializer = serdes.valueSerde(UserRecommendations.class).deserializer();
        Map<String, String> latest = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(RECOMMENDATIONS)) {
            String user = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
            if (record.value() == null) {
                latest.remove(user);
                continue;
            }
            UserRecommendations r = deserializer.deserialize(RECOMMENDATIONS, record.value());
            latest.put(user, r.getItems().stream().map(i -> i.getItemId() + "=" + i.getScore())
                    .collect(Collectors.joining(" ")) + " @" + r.getUpdatedAt());
        }
        return latest;
    }

    static AvroSerdes serdes(String registryUrl) {
        return AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true));
    }

    Map<String, String> recommendationsOf(Set<String> users) {
        Map<String, String> of = new TreeMap<>();
        users.forEach(u -> of.put(u, recommendations.getOrDefault(u, "(none)")));
        return of;
    }

    Map<String, String> conversions() {
        return conversions;
    }

    Map<String, String> related() {
        return related;
    }

    static long convertedPurchases(Map<String, String> conversions) {
        return conversions.values().stream().mapToLong(v -> Long.parseLong(v.split(" ")[2])).sum();
    }
}
