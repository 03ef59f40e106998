package io.streamsuite.fraud.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.rules.ImpossibleTravel.Sighting;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class CachedCardStatesTest {

    private static KeyValueStore<String, CardState> store() {
        KeyValueStore<String, CardState> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cards"),
                Serdes.String(), CardState.serde(Duration.ofSeconds(10))).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private static CardState seenAt(long time) {
        return CardState.first().withSighting(new Sighting(52.5, 13.4, time), 4);
    }

    @Test
    void writesReachTheStoreAndCardsPastTheCacheSizeAreReadBackFromIt() {
        KeyValueStore<String, CardState> store = store();
        CachedCardStates states = new CachedCardStates(store, 2);
        states.put("a", seenAt(1));
        states.put("b", seenAt(2));
        states.put("c", seenAt(3));

        assertThat(states.size()).as("at most the configured size").isEqualTo(2);
        assertThat(store.get("a").lastSeen()).as("written through").isEqualTo(1);
        assertThat(states.get("a").lastSeen()).as("evicted, read from the store").isEqualTo(1);
        assertThat(states.get("c").lastSeen()).isEqualTo(3);
        assertThat(states.get("unknown")).isNull();
    }

    @Test
    void aDeletedCardIsGoneFromCacheAndStore() {
        KeyValueStore<String, CardState> store = store();
        CachedCardStates states = new CachedCardStates(store, 10);
        states.put("a", seenAt(1));
        assertThat(states.get("a")).isNotNull();

        states.delete("a");

        assertThat(states.get("a")).isNull();
        assertThat(store.get("a")).isNull();
    }

    @Test
    void aStateWrittenToTheStoreBeforeTheCacheExistedIsRead() {
        KeyValueStore<String, CardState> store = store();
        store.put("restored", seenAt(7));

        assertThat(new CachedCardStates(store, 10).get("restored").lastSeen()).isEqualTo(7);
    }
}
