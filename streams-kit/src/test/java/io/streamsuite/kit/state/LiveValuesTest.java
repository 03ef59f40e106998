package io.streamsuite.kit.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveValuesTest {

    private final Map<String, Integer> store = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();

    private LiveValues<String, Integer> live(int capacity) {
        return new LiveValues<>(capacity, key -> {
            reads.add(key);
            return store.get(key);
        }, (key, value) -> {
            writes.add(key + "=" + value);
            store.put(key, value);
        });
    }

    @Test
    void aValueChangedManyTimesBetweenCommitsIsReadOnceAndWrittenOnceAtTheCommit() {
        store.put("a", 1);
        LiveValues<String, Integer> live = live(10);
        for (int i = 0; i < 5; i++) {
            live.put("a", live.get("a") + 1);
        }
        assertThat(reads).containsExactly("a");
        assertThat(writes).isEmpty();
        live.writeChanged();
        assertThat(writes).containsExactly("a=6");
        live.writeChanged();
        assertThat(writes).as("nothing changed since").containsExactly("a=6");
    }

    @Test
    void peekAnswersFromMemoryOnlyAndNeverReadsTheStore() {
        store.put("a", 1);
        LiveValues<String, Integer> live = live(10);
        assertThat(live.peek("a")).as("not in memory yet").isNull();
        live.put("b", 2);
        assertThat(live.peek("b")).isEqualTo(2);
        assertThat(live.get("a")).isEqualTo(1);
        assertThat(live.peek("a")).isEqualTo(1);
        assertThat(reads).as("only get read the store").containsExactly("a");
    }

    @Test
    void theLeastRecentlyUsedLeavesFirstAndAChangedValueIsWrittenAsItLeaves() {
        LiveValues<String, Integer> live = live(2);
        live.put("a", 1);
        live.put("b", 2);
        live.get("a");
        live.put("c", 3);
        assertThat(writes).as("b, least recently used, left").containsExactly("b=2");
        assertThat(live.size()).isEqualTo(2);
        assertThat(live.get("b")).isEqualTo(2);
        assertThat(reads).containsExactly("b");
        live.writeChanged();
        // Reading b back pushed a out (written as it left); c is written at the commit.
        assertThat(writes).containsExactlyInAnyOrder("b=2", "a=1", "c=3");
    }

    @Test
    void anAbsentKeyIsNotRememberedAndClearForgetsUnwrittenChanges() {
        LiveValues<String, Integer> live = live(5);
        assertThat(live.get("x")).isNull();
        assertThat(live.get("x")).isNull();
        assertThat(reads).containsExactly("x", "x");
        live.put("y", 7);
        live.clear();
        live.writeChanged();
        assertThat(writes).isEmpty();
        assertThat(live.get("y")).isNull();
    }
}
