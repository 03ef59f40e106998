package io.streamsuite.kit.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

class DecodedTableTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final Serde<String> counting = Serdes.serdeFrom(Serdes.String().serializer(), (Deserializer<String>) (topic, data) -> {
        decodes.incrementAndGet();
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    });

    @Test
    void answersWhatTheGlobalThreadWroteDecodedOnceThenItsUpdatesAndDeletions() {
        DecodedTable<String, String> table = DecodedTable.of(Serdes.String(), counting);
        try (TopologyTestDriver driver = driver(table)) {
            TestInputTopic<String, String> reference = driver.createInputTopic("reference", new StringSerializer(),
                    new StringSerializer());
            reference.pipeInput("a", "related: x y");
            reference.pipeInput("a", "related: x y z");
            decodes.set(0);

            String first = table.get("a");
            String again = table.get("a");
            // Decoded at its first read, not per write nor per read.
            assertThat(first).isEqualTo("related: x y z").isSameAs(again);
            assertThat(decodes).hasValue(1);
            assertThat(table.get("missing")).isNull();

            reference.pipeInput("a", "related: w");
            assertThat(table.get("a")).isEqualTo("related: w");
            // The store itself holds the same, for anyone reading it the usual way.
            KeyValueStore<String, ValueAndTimestamp<String>> store = driver.getTimestampedKeyValueStore("reference-store");
            assertThat(store.get("a").value()).isEqualTo("related: w");

            reference.pipeInput("a", (String) null);
            assertThat(table.get("a")).isNull();
            assertThat(store.get("a")).isNull();
        }
    }

    @Test
    void keepsTheDerivedFormComputedOncePerValueRead() {
        AtomicInteger derivations = new AtomicInteger();
        DecodedTable<String, Integer> table = DecodedTable.derived(Serdes.String(), counting, value -> {
            derivations.incrementAndGet();
            return value.length();
        });
        try (TopologyTestDriver driver = driver(table)) {
            TestInputTopic<String, String> reference = driver.createInputTopic("reference", new StringSerializer(),
                    new StringSerializer());
            reference.pipeInput("a", "abc");
            assertThat(table.get("a")).isEqualTo(3);
            assertThat(table.get("a")).isEqualTo(3);
            reference.pipeInput("a", "abcdef");
            assertThat(table.get("a")).isEqualTo(6);
            assertThat(derivations).hasValue(2);
        }
    }

    private TopologyTestDriver driver(DecodedTable<String, ?> table) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("reference", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String>as(table.supplier("reference-store"))
                        .withKeySerde(Serdes.String()).withValueSerde(counting));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "decoded-table");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(builder.build(), config);
    }

    @Test
    void aRestoredKeyIsReadFromTheStoreOnceAndALaterWriteWins() throws Exception {
        DecodedTable<String, String> table = DecodedTable.of(Serdes.String(), counting);
        KeyValueStore<Bytes, byte[]> store = table.supplier("restored-store").get();
        AtomicReference<StateRestoreCallback> restore = new AtomicReference<>();
        store.init(capturingRestore(new MockProcessorContext<>().getStateStoreContext(), restore), store);

        // A restore writes the inner store directly, as a global store's restore does at start-up.
        restored(restore.get(), "a", "restored a");
        restored(restore.get(), "b", "restored b");
        assertThat(table.get("a")).isEqualTo("restored a");
        assertThat(table.get("a")).isEqualTo("restored a");
        assertThat(decodes).hasValue(1);

        store.put(key("b"), timestamped("written b"));
        assertThat(table.get("b")).isEqualTo("written b");
        store.delete(key("a"));
        assertThat(table.get("a")).isNull();
        store.close();
    }

    private static void restored(StateRestoreCallback callback, String key, String value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = timestamped(value);
        if (callback instanceof RecordBatchingStateRestoreCallback batching) {
            batching.restoreBatch(List.of(new ConsumerRecord<>("restored-store-changelog", 0, 0L, keyBytes, valueBytes)));
        } else {
            callback.restore(keyBytes, valueBytes);
        }
    }

    private static Bytes key(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    /** A value as a timestamped store keeps it: the record time, then the value's bytes. */
    private static byte[] timestamped(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + bytes.length).putLong(42L).put(bytes).array();
    }

    /** The context, keeping the restore callback a store registers. */
    private static StateStoreContext capturingRestore(StateStoreContext context, AtomicReference<StateRestoreCallback> restore) {
        return (StateStoreContext) Proxy.newProxyInstance(StateStoreContext.class.getClassLoader(),
                new Class<?>[] {StateStoreContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        restore.set((StateRestoreCallback) args[1]);
                        return null;
                    }
                    return method.invoke(context, args);
                });
    }
}
