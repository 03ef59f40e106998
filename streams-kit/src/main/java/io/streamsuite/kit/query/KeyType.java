package io.streamsuite.kit.query;

import io.streamsuite.kit.serde.AvroSerdes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.JsonNode;

/**
 * How a store's keys are typed: parsed from request text, rendered as JSON, ordered for paging,
 * and serialized exactly as the topology does so {@code queryMetadataForKey} finds the owner.
 *
 * @param <K> the key class the store holds
 */
public interface KeyType<K> {

    /** Shown in {@code GET /api/stores}: {@code string}, {@code long} or {@code avro:<full name>}. */
    String name();

    /** Request text to a key; a malformed key is an {@link InvalidQueryException}. */
    K parse(String text);

    /** The inverse of {@link #parse}: used in cursors and forwarded requests. */
    String format(K key);

    JsonNode toJson(K key);

    /** Reads a key back from {@link #toJson} output (another instance's answer). */
    K fromJson(JsonNode json);

    /** The order keys are paged in; the same on every instance. */
    Comparator<K> order();

    /**
     * True when the store's byte order of serialized keys equals {@link #order()}, so a local range
     * scan may stop early; otherwise the scan reads the whole range and sorts.
     */
    boolean storeOrderMatches();

    /**
     * The store-order ranges (inclusive, null = open) that together hold exactly the keys between
     * {@code lower} and {@code upper} (inclusive, null = open) of {@link #order()}, listed in that order,
     * so a page reads them one after another from its cursor and stops once full. Empty when the key
     * bytes do not sort in such ranges: the page then reads every key and keeps the best ones.
     */
    default Optional<List<StoreRange<K>>> storeRanges(K lower, K upper) {
        return storeOrderMatches() ? Optional.of(List.of(new StoreRange<>(lower, upper))) : Optional.empty();
    }

    /** One contiguous range of a store's keys, bounds inclusive, null = open. */
    record StoreRange<K>(K from, K to) {
    }

    /** The serializer the topology partitions by (see {@code KafkaStreams.queryMetadataForKey}). */
    Serializer<K> serializer(AvroSerdes serdes);

    static KeyType<String> string() {
        return KeyTypes.STRING;
    }

    static KeyType<Long> longKey() {
        return KeyTypes.LONG;
    }

    /** A SpecificRecord key, given in requests as JSON ({@code {"cardId":"c-1"}}). */
    static <T extends SpecificRecord> KeyType<T> avro(Class<T> keyClass) {
        return new AvroKeyType<T>(keyClass);
    }

    /** A GenericRecord key of the given record schema, given in requests as JSON. */
    static KeyType<GenericRecord> avro(Schema keySchema) {
        return AvroKeyType.generic(keySchema);
    }
}
