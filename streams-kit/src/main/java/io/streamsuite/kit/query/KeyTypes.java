package io.streamsuite.kit.query;

import io.streamsuite.kit.serde.AvroSerdes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The built-in string and long key types. */
final class KeyTypes {

    static final KeyType<String> STRING = new KeyType<>() {
        @Override
        public String name() {
            return "string";
        }

        @Override
        public String parse(String text) {
            return text;
        }

        @Override
        public String format(String key) {
            return key;
        }

        @Override
        public JsonNode toJson(String key) {
            return JsonNodeFactory.instance.stringNode(key);
        }

        @Override
        public String fromJson(JsonNode json) {
            if (!json.isString()) {
                throw new InvalidQueryException("expected a string key, got " + json);
            }
            return json.stringValue();
        }

        /** Code point order equals the UTF-8 byte order the stores keep keys in. */
        @Override
        public Comparator<String> order() {
            return KeyTypes::compareCodePoints;
        }

        @Override
        public boolean storeOrderMatches() {
            return true;
        }

        @Override
        public Serializer<String> serializer(AvroSerdes serdes) {
            return new StringSerializer();
        }
    };

    static final KeyType<Long> LONG = new KeyType<>() {
        @Override
        public String name() {
            return "long";
        }

        @Override
        public Long parse(String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new InvalidQueryException("key '" + text + "' is not a long (a whole number between "
                        + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ")");
            }
        }

        @Override
        public String format(Long key) {
            return key.toString();
        }

        @Override
        public JsonNode toJson(Long key) {
            return JsonNodeFactory.instance.numberNode(key);
        }

        @Override
        public Long fromJson(JsonNode json) {
            if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                throw new InvalidQueryException("expected a long key, got " + json);
            }
            return json.longValue();
        }

        @Override
        public Comparator<Long> order() {
            return Comparator.naturalOrder();
        }

        /** Big-endian two's complement: negative keys sort after positive ones in the store. */
        @Override
        public boolean storeOrderMatches() {
            return false;
        }

        /** Negative keys' bytes sort after the positive ones but in order among themselves: two ranges, negatives first. */
        @Override
        public Optional<List<StoreRange<Long>>> storeRanges(Long lower, Long upper) {
            long low = lower == null ? Long.MIN_VALUE : lower;
            long high = upper == null ? Long.MAX_VALUE : upper;
            List<StoreRange<Long>> ranges = new ArrayList<>();
            if (low < 0) {
                ranges.add(new StoreRange<>(low, Math.min(high, -1L)));
            }
            if (high >= 0) {
                ranges.add(new StoreRange<>(Math.max(low, 0L), high));
            }
            return Optional.of(ranges);
        }

        @Override
        public Serializer<Long> serializer(AvroSerdes serdes) {
            return new LongSerializer();
        }
    };

    private KeyTypes() {
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
