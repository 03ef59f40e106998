package io.streamsuite.kit.deadletter;

import static io.streamsuite.kit.deadletter.Fixtures.await;
import static io.streamsuite.kit.deadletter.Fixtures.event;
import static io.streamsuite.kit.deadletter.Fixtures.keyStartsWith;
import static io.streamsuite.kit.deadletter.Fixtures.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamsuite.kit.deadletter.Fixtures.Sent;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Under exactly_once_v2 a send the broker refuses would poison the open transaction: Streams aborts, redoes the
 * batch, meets the same refusal, forever. The kit's producer refuses such a record itself, before the broker
 * sees it, so it becomes one dead letter and the rest of the batch commits once.
 */
@WithKafkaStack
class ProductionErrorsUnderExactlyOnceTest {

    private static final int OUTPUT_LIMIT_BYTES = 4_096;

    @Test
    void anOutputOverTheTopicsSizeLimitIsDeadLetteredOnceAndEverythingElseIsWrittenOnce() throws Exception {
        String applicationId = KafkaStack.uniqueName("prod-eos");
        String input = applicationId + ".in";
        String output = applicationId + ".out";
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(OUTPUT_LIMIT_BYTES)))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        AvroSerdes serdes = Fixtures.serdes();
        try (ConfigurableApplicationContext app = PoisonApplication.startAs(applicationId)) {
            String deadLetterTopic = applicationId + ".dlq";
            produce(input, "big-good-1", event("b1", "click"), serdes);
            Sent huge = produce(input, "big-huge", event("b2", PoisonService.HUGE), serdes);
            produce(input, "big-good-2", event("b3", "click"), serdes);
            produce(input, "big-good-3", event("b4", "view"), serdes);

            List<ConsumerRecord<byte[], byte[]>> processed = await(output, keyStartsWith("big-good-"), 3);
            List<ConsumerRecord<byte[], byte[]>> deadLetters = await(deadLetterTopic, keyStartsWith("big-"), 1);
            // Give a retry loop time to show itself: a second dead letter or a second copy of an output.
            Fixtures.sleep(Duration.ofSeconds(5));
            processed = KafkaStack.readAll(output).stream().filter(keyStartsWith("big-")).toList();
            deadLetters = KafkaStack.readAll(deadLetterTopic).stream().filter(keyStartsWith("big-")).toList();

            assertThat(processed).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly("big-good-1", "big-good-2", "big-good-3");
            assertThat(deadLetters).singleElement().satisfies(letter -> {
                assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("big-huge");
                assertThat(DeadLetterHeader.EXCEPTION.read(letter.headers())).isEqualTo(RecordTooLargeException.class.getName());
                assertThat(DeadLetterHeader.REASON.read(letter.headers())).isEqualTo("production");
                assertThat(DeadLetterHeader.OUTPUT_TOPIC.read(letter.headers())).isEqualTo(output);
                assertThat(DeadLetterHeader.SOURCE_OFFSET.read(letter.headers())).isEqualTo(String.valueOf(huge.offset()));
            });
            assertThat(deadLettered(app, "RecordTooLargeException")).as("the handler saw the refusal once").isEqualTo(1.0);
        }
    }

    private static double deadLettered(ConfigurableApplicationContext app, String exception) {
        Counter counter = app.getBean(MeterRegistry.class).find(DeadLetterMetrics.DEAD_LETTERS)
                .tag("reason", "production").tag("exception", exception).counter();
        return counter == null ? 0.0 : counter.count();
    }
}
