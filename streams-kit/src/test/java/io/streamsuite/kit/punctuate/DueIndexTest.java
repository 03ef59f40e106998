package io.streamsuite.kit.punctuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class DueIndexTest {

    private static DueIndex<String> index(KeyValueStore<Bytes, byte[]> store) {
        return DueIndex.of(store, Serdes.String());
    }

    private static KeyValueStore<Bytes, byte[]> store() {
        KeyValueStore<Bytes, byte[]> store = DueIndex.storeBuilder(Stores.inMemoryKeyValueStore("due")).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    @Test
    void returnsOnlyWhatIsDueByNowEarliestFirstAndAtMostMax() {
        KeyValueStore<Bytes, byte[]> store = store();
        DueIndex<String> due = index(store);
        due.add("late", 3_000);
        due.add("b", 1_000);
        due.add("a", 1_000);
        due.add("early", 500);
        due.add("future", 1_001);

        assertThat(due.due(1_000, 10)).containsExactly(new DueIndex.Due<>("early", 500), new DueIndex.Due<>("a", 1_000),
                new DueIndex.Due<>("b", 1_000));
        assertThat(due.due(1_000, 2)).extracting(DueIndex.Due::key).containsExactly("early", "a");
        assertThat(due.due(499, 10)).isEmpty();
    }

    @Test
    void moveRefilesAKeyAndRemoveTakesItOff() {
        KeyValueStore<Bytes, byte[]> store = store();
        DueIndex<String> due = index(store);
        due.move("dev", -1, 100);
        due.move("dev", 100, 200);
        assertThat(due.due(150, 10)).isEmpty();
        assertThat(due.due(200, 10)).containsExactly(new DueIndex.Due<>("dev", 200));
        due.remove("dev", 200);
        assertThat(due.due(Long.MAX_VALUE - 1, 10)).isEmpty();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void timesBeforeZeroAreFiledAtZeroSoTheyStillSortFirst() {
        DueIndex<String> due = index(store());
        due.add("negative", -5);
        due.add("positive", 5);
        List<DueIndex.Due<String>> found = due.due(10, 10);
        assertThat(found).extracting(DueIndex.Due::key).containsExactly("negative", "positive");
        assertThat(found.get(0).due()).isZero();
    }

    @Test
    void fileByKeepsAnEarlierEntryAndWritesOnlyWhenTheDueTimeComesForward() {
        KeyValueStore<Bytes, byte[]> store = store();
        DueIndex<String> due = index(store);
        assertThat(due.fileBy("dev", -1, 1_000)).isEqualTo(1_000);
        // Pushed later: the entry at 1 000 stays and comes up early.
        assertThat(due.fileBy("dev", 1_000, 5_000)).isEqualTo(1_000);
        assertThat(due.due(1_000, 10)).containsExactly(new DueIndex.Due<>("dev", 1_000));
        // Brought forward: refiled.
        assertThat(due.fileBy("dev", 1_000, 400)).isEqualTo(400);
        assertThat(due.due(Long.MAX_VALUE - 1, 10)).containsExactly(new DueIndex.Due<>("dev", 400));
        // No due time: taken off.
        assertThat(due.fileBy("dev", 400, -1)).isNegative();
        assertThat(store.approximateNumEntries()).isZero();
    }
}
