package io.streamsuite.kit.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CommitHook} on the real broker under exactly-once: the counts a processor keeps in memory reach the
 * changelog with the commit, and a stream thread that dies with counts pending (before its commit) loses none
 * of what was committed and counts nothing twice. The dead thread's task is closed dirty (its transaction
 * aborted, its local state wiped), a new thread restores the store from the changelog and reads the input
 * again from the committed offsets.
 */
@WithKafkaStack
class CommitHookCrashTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String[] WORDS = {"w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7"};

    private static final StringDeserializer STRINGS = new StringDeserializer();
    private static final LongDeserializer LONGS = new LongDeserializer();

    @TempDir
    Path stateDir;

    @Test
    void aThreadThatDiesWithCountsPendingLosesNoCommittedCountAndCountsNoWordTwice() {
        String prefix = KafkaStack.uniqueName("commit-hook");
        String input = prefix + "-lines";
        String applicationId = prefix + "-app";
        String changelog = applicationId + "-" + LiveWordCounts.STORE + "-changelog";
        KafkaStack.createTopics(2, input);
        AtomicBoolean armed = new AtomicBoolean();
        int[] pendingAtCrash = {-1};
        AtomicInteger replacedThreads = new AtomicInteger();

        Properties props = new Properties();
        props.putAll(KafkaStack.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Long enough that the crash line's words, and usually many lines before it, are pending in memory.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 2_000);
        KafkaStreams streams = new KafkaStreams(LiveWordCounts.topology(input, prefix + "-seen",
                word -> word.equals("crash") && armed.compareAndSet(true, false), pendingAtCrash), props);
        streams.setUncaughtExceptionHandler(failure -> {
            replacedThreads.incrementAndGet();
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStack.createTopics(1, prefix + "-seen");
        try {
            streams.start();
            Map<String, Long> expected = new TreeMap<>();
            produceLines(input, 0, 200, expected);

            assertThat(awaitChangelog(changelog, expected)).as("committed counts in the changelog (read_committed)")
                    .isEqualTo(expected);

            armed.set(true);
            produceLines(input, 200, 100, expected);
            KafkaStack.produce(input, "crash-line", "w1 w2 crash w3", new StringSerializer(), new StringSerializer());
            expected.merge("w1", 1L, Long::sum);
            expected.merge("w2", 1L, Long::sum);
            expected.merge("crash", 1L, Long::sum);
            expected.merge("w3", 1L, Long::sum);
            produceLines(input, 300, 100, expected);

            assertThat(awaitChangelog(changelog, expected)).as("every word counted exactly once across the crash")
                    .isEqualTo(expected);
            assertThat(replacedThreads.get()).as("the stream thread died once").isEqualTo(1);
            assertThat(pendingAtCrash[0]).as("counts pending in memory when it died").isPositive();
            assertThat(awaitStore(streams, expected)).as("the restored store").isEqualTo(expected);
        } finally {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    /** Lines {@code first}.. of three words each, every line to its own key (both partitions get lines). */
    private static void produceLines(String input, int first, int count, Map<String, Long> expected) {
        for (int line = first; line < first + count; line++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                String word = WORDS[(line * 3 + i * 5) % WORDS.length];
                text.append(i == 0 ? "" : " ").append(word);
                expected.merge(word, 1L, Long::sum);
            }
            KafkaStack.produce(input, "line-" + line, text.toString(), new StringSerializer(), new StringSerializer());
        }
    }

    /**
     * Each task counts the words of its own input partition: the changelog's latest committed count per
     * partition and word, summed per word, polled until it equals {@code expected} or the wait ends. */
    private static Map<String, Long> awaitChangelog(String changelog, Map<String, Long> expected) {
        return await(() -> {
            Map<String, Long> latest = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : KafkaStack.readAll(changelog)) {
                latest.put(record.partition() + "/" + STRINGS.deserialize(changelog, record.key()),
                        LONGS.deserialize(changelog, record.value()));
            }
            Map<String, Long> counts = new TreeMap<>();
            latest.forEach((partitionAndWord, count) ->
                    counts.merge(partitionAndWord.substring(partitionAndWord.indexOf('/') + 1), count, Long::sum));
            return counts;
        }, expected);
    }

    /** The same sum over the tasks' stores, through an interactive query. */
    private static Map<String, Long> awaitStore(KafkaStreams streams, Map<String, Long> expected) {
        return await(() -> {
            Map<String, Long> stored = new TreeMap<>();
            if (streams.state() != KafkaStreams.State.RUNNING) {
                return stored;
            }
            ReadOnlyKeyValueStore<String, Long> store = streams.store(
                    StoreQueryParameters.fromNameAndType(LiveWordCounts.STORE, QueryableStoreTypes.keyValueStore()));
            store.all().forEachRemaining(entry -> stored.merge(entry.key, entry.value, Long::sum));
            return stored;
        }, expected);
    }

    private static Map<String, Long> await(Supplier<Map<String, Long>> read, Map<String, Long> expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Long> last = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                last = read.get();
            } catch (RuntimeException notYet) {
                // a changelog not created yet, a store between owners: ask again
            }
            if (last.equals(expected)) {
                return last;
            }
            sleep();
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
