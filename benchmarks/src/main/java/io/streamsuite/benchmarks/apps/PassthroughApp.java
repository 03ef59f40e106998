package io.streamsuite.benchmarks.apps;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The machine's limit: bytes in, bytes out, no deserialization, same guarantee as the services. Run as its own JVM
 * (same heap and GC as a service) so its CPU time is measured the same way.
 * Arguments: bootstrap input output applicationId stateDir [offsetReset=earliest] [guarantee=exactly_once_v2].
 */
public final class PassthroughApp {

    private PassthroughApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(args[1], Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(args[2], Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties props = new Properties();
        props.putAll(Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                StreamsConfig.APPLICATION_ID_CONFIG, args[3],
                StreamsConfig.STATE_DIR_CONFIG, args[4],
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, args.length > 6 ? args[6] : StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), args.length > 5 ? args[5] : "earliest"));
        runUntilStopped(new KafkaStreams(builder.build(), props));
    }

    static void runUntilStopped(KafkaStreams streams) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            // The suite reads this line from the log to know the app is assigned and running.
            System.out.println("STATE " + now + " at " + System.currentTimeMillis());
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                done.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            done.countDown();
        }));
        streams.start();
        done.await();
    }
}
