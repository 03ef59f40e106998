package io.streamsuite.kit.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit path {@link CommitHook} relies on, through Kafka Streams' own {@link TopologyTestDriver} (which
 * commits after each input record): a processor's pending writes reach its store and the store's changelog at
 * the commit, once per key, and not while the record is processed. These scenarios are what a Kafka upgrade
 * must pass before {@link CommitHook#VERIFIED_ON} moves; {@code CommitHookCrashTest} adds the real broker.
 */
class CommitHookTest {

    private static final String APPLICATION_ID = "commit-hook-test";
    private static final String LINES = "lines";
    private static final String SEEN = "seen";
    private static final String CHANGELOG = APPLICATION_ID + "-" + LiveWordCounts.STORE + "-changelog";
    private static final String BROKEN = "Kafka Streams no longer runs CachedStateStore.flushCache at each commit:"
            + " io.streamsuite.kit.state.CommitHook (and every live aggregation on it) must be reworked";

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> lines;
    private TestOutputTopic<String, Long> seen;
    private TestOutputTopic<String, Long> changelog;
    private KeyValueStore<String, Long> counts;

    @BeforeEach
    void startDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(LiveWordCounts.topology(LINES, SEEN, word -> false, new int[1]), props);
        lines = driver.createInputTopic(LINES, new StringSerializer(), new StringSerializer());
        seen = driver.createOutputTopic(SEEN, new StringDeserializer(), new LongDeserializer());
        changelog = driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new LongDeserializer());
        counts = driver.getKeyValueStore(LiveWordCounts.STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void pendingCountsReachTheStoreAndItsChangelogAtTheCommitOncePerKeyAndNotWhileTheRecordIsProcessed() {
        lines.pipeInput("line-1", "a b a");

        assertThat(seen.readKeyValuesToList()).as("the store while the line was processed: nothing written yet")
                .containsExactly(KeyValue.pair("a", 0L), KeyValue.pair("b", 0L), KeyValue.pair("a", 0L));
        assertThat(counts.get("a")).as(BROKEN).isEqualTo(2L);
        assertThat(counts.get("b")).as(BROKEN).isEqualTo(1L);
        assertThat(changelog.readKeyValuesToList()).as("one changelog record per key and commit, not one per word")
                .containsExactlyInAnyOrder(KeyValue.pair("a", 2L), KeyValue.pair("b", 1L));

        lines.pipeInput("line-2", "a c");

        assertThat(seen.readKeyValuesToList()).as("the last commit's counts, read back from the store")
                .containsExactly(KeyValue.pair("a", 2L), KeyValue.pair("c", 0L));
        assertThat(counts.get("a")).isEqualTo(3L);
        assertThat(changelog.readKeyValuesToList()).as("only what changed since the last commit")
                .containsExactlyInAnyOrder(KeyValue.pair("a", 3L), KeyValue.pair("c", 1L));
    }

    @Test
    void theHookAddsNoChangelogTopicOfItsOwn() {
        lines.pipeInput("line-1", "a");

        assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder(SEEN, CHANGELOG);
        assertThat(CommitHook.builder(LiveWordCounts.HOOK).loggingEnabled()).isFalse();
        assertThatThrownBy(() -> CommitHook.builder(LiveWordCounts.HOOK).withLoggingEnabled(java.util.Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eachOwnerHasOneActionRunInRegistrationOrderAndRegisteringAgainReplacesIt() {
        CommitHook hook = CommitHook.builder("hook").build();
        List<String> runs = new ArrayList<>();
        Object first = new Object();
        Object second = new Object();
        hook.beforeCommit(first, () -> runs.add("first, from its first init"));
        hook.beforeCommit(second, () -> runs.add("second"));
        hook.beforeCommit(first, () -> runs.add("first, from its second init"));

        hook.flushCache();

        assertThat(runs).containsExactly("first, from its second init", "second");
        hook.close();
        hook.flushCache();
        assertThat(runs).as("a closed hook forgets its actions").hasSize(2);
    }

    @Test
    void aStoreThatIsNotACommitHookIsRefusedByName() {
        MockProcessorContext<String, Long> context = new MockProcessorContext<>();
        KeyValueStore<String, Long> plain = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("plain"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        context.addStateStore(plain);

        assertThatThrownBy(() -> CommitHook.of(context, "plain"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain is not a commit hook");
    }

    /**
     * The tripwire: {@code CachedStateStore} is internal, so a new Kafka Streams line may change when (or
     * whether) it is flushed without any compile error. Run this class and {@code CommitHookCrashTest} on the
     * new line; when they pass, raise {@link CommitHook#VERIFIED_ON}.
     */
    @Test
    void kafkaStreamsIsTheReleaseLineTheCommitHookWasVerifiedOn() {
        String version = AppInfoParser.getVersion();
        assertThat(version.equals(CommitHook.VERIFIED_ON) || version.startsWith(CommitHook.VERIFIED_ON + "."))
                .as("Kafka Streams " + version + " is not the line " + CommitHook.VERIFIED_ON + " that CommitHook (an internal"
                        + " Kafka interface) was verified on: run CommitHookTest and CommitHookCrashTest, then raise VERIFIED_ON")
                .isTrue();
    }
}
