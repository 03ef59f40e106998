package io.streamsuite.kit.query;

import io.streamsuite.kit.serde.AvroSerdes;
import java.util.Comparator;
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
