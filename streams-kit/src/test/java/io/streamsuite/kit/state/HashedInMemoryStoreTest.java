package io.streamsuite.kit.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class HashedInMemoryStoreTest {

    private static Bytes key(String text) {
        return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> drain(KeyValueIterator<Bytes, byte[]> entries) {
        List<String> seen = new ArrayList<>();
        try (entries) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                seen.add(new String(entry.key.get(), StandardCharsets.UTF_8) + "=" + new String(entry.value, StandardCharsets.UTF_8));
            }
        }
        return seen;
    }

    @Test
    void answersEveryReadAsKafkasInMemoryStoreDoesAfterTheSameWrites() {
        KeyValueStore<Bytes, byte[]> kafka = Stores.inMemoryKeyValueStore("kafka").get();
        KeyValueStore<Bytes, byte[]> hashed = HashedInMemoryStore.supplier("hashed").get();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 5_000; i++) {
            Bytes key = key("site-" + random.nextInt(4) + "/dev-" + random.nextInt(300));
            int action = random.nextInt(10);
            if (action == 0) {
                assertThat(hashed.delete(key)).isEqualTo(kafka.delete(key));
            } else if (action == 1) {
                byte[] value = ("absent-" + i).getBytes(StandardCharsets.UTF_8);
                assertThat(hashed.putIfAbsent(key, value)).isEqualTo(kafka.putIfAbsent(key, value));
            } else {
                byte[] value = action == 2 ? null : ("v" + i).getBytes(StandardCharsets.UTF_8);
                kafka.put(key, value);
                hashed.put(key, value);
            }
            assertThat(hashed.get(key)).isEqualTo(kafka.get(key));
        }
        assertThat(hashed.approximateNumEntries()).isEqualTo(kafka.approximateNumEntries());
        assertThat(drain(hashed.all())).isEqualTo(drain(kafka.all())).hasSizeGreaterThan(500);
        assertThat(drain(hashed.reverseAll())).isEqualTo(drain(kafka.reverseAll()));
        assertThat(drain(hashed.range(key("site-1/"), key("site-1/~")))).isEqualTo(drain(kafka.range(key("site-1/"), key("site-1/~"))));
        assertThat(drain(hashed.reverseRange(key("site-0/dev-1"), key("site-2")))).isEqualTo(drain(kafka.reverseRange(key("site-0/dev-1"), key("site-2"))));
        assertThat(drain(hashed.range(null, key("site-1")))).isEqualTo(drain(kafka.range(null, key("site-1"))));
        assertThat(drain(hashed.range(key("site-3"), null))).isEqualTo(drain(kafka.range(key("site-3"), null)));
        assertThat(drain(hashed.range(key("site-3"), key("site-1")))).isEmpty();
        assertThat(drain(hashed.prefixScan("site-2/dev-1", Serdes.String().serializer())))
                .isEqualTo(drain(kafka.prefixScan("site-2/dev-1", Serdes.String().serializer()))).isNotEmpty();
    }

    @Test
    void anIteratorSkipsAKeyDeletedWhileItRuns() {
        KeyValueStore<Bytes, byte[]> hashed = HashedInMemoryStore.supplier("hashed").get();
        for (String k : List.of("a", "b", "c")) {
            hashed.put(key(k), k.getBytes(StandardCharsets.UTF_8));
        }
        KeyValueIterator<Bytes, byte[]> all = hashed.all();
        assertThat(all.next().key).isEqualTo(key("a"));
        hashed.delete(key("b"));
        assertThat(drain(all)).containsExactly("c=c");
    }
}
