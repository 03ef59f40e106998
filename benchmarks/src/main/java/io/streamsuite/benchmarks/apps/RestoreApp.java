package io.streamsuite.benchmarks.apps;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The restore baseline: one persistent key-value table and nothing else. A fresh instance (empty state dir)
 * restores it from its changelog; "RESTORED" is printed when every store is restored and Streams is RUNNING.
 * Arguments: bootstrap input applicationId stateDir.
 */
public final class RestoreApp {

    public static final String STORE = "restore-bench-store";

    private RestoreApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(args[1], Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()),
                Materialized.<byte[], byte[], KeyValueStore<Bytes, byte[]>>as(STORE));
        Properties props = new Properties();
        props.putAll(Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                StreamsConfig.APPLICATION_ID_CONFIG, args[2],
                StreamsConfig.STATE_DIR_CONFIG, args[3],
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2));
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                System.out.println("RESTORE-START " + partition + " " + (end - start) + " records");
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long restored) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long total) {
                System.out.println("RESTORE-END " + partition + " " + total + " records");
            }
        });
        PassthroughApp.runUntilStopped(streams);
    }
}
