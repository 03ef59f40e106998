package io.streamsuite.kit.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A key page is read from its cursor on, in key order, and no further than one key past the page:
 * walking a store page by page reads each key about once, not the whole store per page.
 */
class KeyPageTest {

    private static final int PAGE = 10;

    @Test
    void longKeysIncludingNegativesArePagedInNumericOrderReadingOnlyAboutAPagePerPage() {
        KeyValueStore<Object, Object> store = store(Serdes.Long());
        LongStream.range(-1000, 1000).forEach(key -> store.put(key, key * 2));
        Counting counting = new Counting(store);

        List<Long> walked = new ArrayList<>();
        List<Integer> readPerPage = new ArrayList<>();
        Object after = null;
        while (true) {
            counting.read.set(0);
            Slice page = LocalStoreReader.keyPage(counting, StoreQueryService.keys(QueryableStore.keyValue("s", KeyType.longKey())),
                    null, null, after, PAGE);
            readPerPage.add(counting.read.get());
            page.items().forEach(found -> walked.add((Long) found.key()));
            if (!page.more()) {
                break;
            }
            after = page.items().get(page.items().size() - 1).key();
        }

        assertThat(walked).isEqualTo(LongStream.range(-1000, 1000).boxed().toList());
        assertThat(readPerPage).hasSize(2000 / PAGE);
        // The cursor key itself, a page, and the one key that tells another page exists.
        assertThat(readPerPage).allSatisfy(read -> assertThat(read).isLessThanOrEqualTo(PAGE + 2));
    }

    @Test
    void aBoundedLongRangeAcrossZeroReadsOnlyTheRange() {
        KeyValueStore<Object, Object> store = store(Serdes.Long());
        LongStream.range(-1000, 1000).forEach(key -> store.put(key, key));
        Counting counting = new Counting(store);

        Slice page = LocalStoreReader.keyPage(counting, StoreQueryService.keys(QueryableStore.keyValue("s", KeyType.longKey())),
                -3L, 4L, null, 100);

        assertThat(page.items()).extracting(Found::key).containsExactly(-3L, -2L, -1L, 0L, 1L, 2L, 3L, 4L);
        assertThat(page.more()).isFalse();
        assertThat(counting.read.get()).isEqualTo(8);
    }

    @Test
    void stringKeysArePagedFromTheCursor() {
        KeyValueStore<Object, Object> store = store(Serdes.String());
        for (int i = 0; i < 500; i++) {
            store.put(String.format("k-%04d", i), (long) i);
        }
        Counting counting = new Counting(store);
        KeyType<Object> keys = StoreQueryService.keys(QueryableStore.keyValue("s", KeyType.string()));

        Slice page = LocalStoreReader.keyPage(counting, keys, null, null, "k-0399", PAGE);

        assertThat(page.items()).extracting(Found::key).first().isEqualTo("k-0400");
        assertThat(page.items()).extracting(Found::key).last().isEqualTo("k-0409");
        assertThat(page.more()).isTrue();
        assertThat(counting.read.get()).isLessThanOrEqualTo(PAGE + 2);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KeyValueStore<Object, Object> store(org.apache.kafka.common.serialization.Serde<?> keySerde) {
        KeyValueStore store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), keySerde, Serdes.Long())
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    /** A real store, with a count of the entries its iterators hand out. */
    private static final class Counting implements ReadOnlyKeyValueStore<Object, Object> {
        private final ReadOnlyKeyValueStore<Object, Object> store;
        private final AtomicInteger read = new AtomicInteger();

        Counting(ReadOnlyKeyValueStore<Object, Object> store) {
            this.store = store;
        }

        @Override
        public Object get(Object key) {
            return store.get(key);
        }

        @Override
        public KeyValueIterator<Object, Object> range(Object from, Object to) {
            return counted(store.range(from, to));
        }

        @Override
        public KeyValueIterator<Object, Object> all() {
            return counted(store.all());
        }

        @Override
        public long approximateNumEntries() {
            return store.approximateNumEntries();
        }

        private KeyValueIterator<Object, Object> counted(KeyValueIterator<Object, Object> iterator) {
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public KeyValue<Object, Object> next() {
                    read.incrementAndGet();
                    return iterator.next();
                }

                @Override
                public void close() {
                    iterator.close();
                }

                @Override
                public Object peekNextKey() {
                    return iterator.peekNextKey();
                }
            };
        }
    }
}
