package io.streamsuite.kit.deadletter;

import static io.streamsuite.kit.deadletter.Fixtures.await;
import static io.streamsuite.kit.deadletter.Fixtures.event;
import static io.streamsuite.kit.deadletter.Fixtures.keyStartsWith;
import static io.streamsuite.kit.deadletter.Fixtures.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.config.StreamsKitProperties;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances replaying the same dead letter at the same moment put it back once. */
@WithKafkaStack
class ConcurrentReplayTest {

    private static final int DEAD_LETTERS = 4;

    @Test
    void replayingOneDeadLetterFromTwoInstancesAtOncePutsItBackOnce() throws Exception {
        try (ConfigurableApplicationContext app = PoisonApplication.start("dl-concurrent")) {
            PoisonService service = app.getBean(PoisonService.class);
            String deadLetterTopic = app.getBean(StreamsKitProperties.class).resolvedDeadLetterTopic();
            AvroSerdes serdes = Fixtures.serdes();
            String key = KafkaStack.uniqueName("race");
            service.rejectedKinds.add("held");
            for (int i = 0; i < DEAD_LETTERS; i++) {
                produce(service.input, key + "-" + i, event("race-" + i, "held"), serdes);
            }
            List<ConsumerRecord<byte[], byte[]>> deadLetters = await(deadLetterTopic, keyStartsWith(key), DEAD_LETTERS);
            service.rejectedKinds.remove("held");
            // Two instances of the replay API over the same topics, as two pods would have.
            DeadLetters first = app.getBean(DeadLetters.class);
            DeadLetters second = new DeadLetterAutoConfiguration().deadLetters(app.getBean(StreamsKitProperties.class),
                    app.getBeanProvider(AvroSerdes.class));

            List<Integer> replayedPerDeadLetter = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
                    ReplayRequest request = new ReplayRequest(List.of(
                            new ReplayRequest.EntryRef(deadLetter.partition(), deadLetter.offset())), false);
                    CountDownLatch start = new CountDownLatch(1);
                    Future<Boolean> a = pool.submit(replayed(first, request, start));
                    Future<Boolean> b = pool.submit(replayed(second, request, start));
                    start.countDown();
                    replayedPerDeadLetter.add((a.get(60, TimeUnit.SECONDS) ? 1 : 0) + (b.get(60, TimeUnit.SECONDS) ? 1 : 0));
                }
            } finally {
                pool.shutdownNow();
                second.close();
            }
            List<ConsumerRecord<byte[], byte[]>> processed = await(service.output, keyStartsWith(key), DEAD_LETTERS);
            Fixtures.sleep(java.time.Duration.ofSeconds(3));
            List<ConsumerRecord<byte[], byte[]>> copies = KafkaStack.readAll(service.input).stream()
                    .filter(keyStartsWith(key))
                    .filter(record -> record.headers().lastHeader(DeadLetterHeader.REPLAY_OF.key()) != null).toList();

            assertThat(replayedPerDeadLetter).containsOnly(1).hasSize(DEAD_LETTERS);
            assertThat(copies).as("one copy per dead letter back on the source topic").hasSize(DEAD_LETTERS);
            assertThat(KafkaStack.readAll(service.output).stream().filter(keyStartsWith(key))).hasSize(DEAD_LETTERS);
            assertThat(processed).hasSize(DEAD_LETTERS);
        }
    }

    /** True when this instance replayed it; false when it answered that it was replayed (by the other). */
    private static Callable<Boolean> replayed(DeadLetters deadLetters, ReplayRequest request, CountDownLatch start) {
        return () -> {
            start.await();
            try {
                return deadLetters.replay(request).stream()
                        .anyMatch(result -> result.outcome() == ReplayResult.Outcome.REPLAYED);
            } catch (DeadLetterProblem refused) {
                assertThat(refused.getStatusCode().value()).isEqualTo(409);
                return false;
            }
        };
    }
}
