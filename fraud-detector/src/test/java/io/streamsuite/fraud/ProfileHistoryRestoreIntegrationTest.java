package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.kit.test.AppInstance;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.payments.AccountProfile;
import io.streamsuite.schemas.payments.FraudReason;
import io.streamsuite.schemas.payments.ScoredTransaction;
import io.streamsuite.schemas.payments.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The account profile history is rebuilt from payments.accounts on restore, so it is only as good as what
 * compaction leaves there. With the declared {@code min.compaction.lag.ms}, the broker compacts a control
 * topic (lag 0) while every version in payments.accounts survives, and a new instance restoring from it
 * judges a transaction by the version valid at its time.
 */
@WithKafkaStack
class ProfileHistoryRestoreIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String ACCOUNT = "restore-acc-" + KafkaStack.uniqueName("a");
    private static AppInstance restored;

    @AfterAll
    static void stop() {
        if (restored != null) {
            restored.close();
        }
    }

    @Test
    void versionsWithinTheHistoryRetentionSurviveCompactionAndARestoreJudgesByThem() throws Exception {
        String control = KafkaStack.uniqueName("accounts-control");
        KafkaStack.createTopics(3, FraudTopics.TRANSACTIONS, FraudTopics.ACCOUNTS);
        KafkaStack.createTopics(1, control);
        String declaredLag = DomainTopics.CONFIGS.get(DomainTopics.PAYMENTS_ACCOUNTS).get("min.compaction.lag.ms");
        compactEagerly(FraudTopics.ACCOUNTS, declaredLag);
        compactEagerly(control, "0");

        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", KafkaStack.schemaRegistryUrl()));
        Instant now = Instant.now();
        AccountProfile careful = Payments.profile(ACCOUNT, "DE", "100.00", now.minus(Duration.ofDays(2)));
        AccountProfile generous = Payments.profile(ACCOUNT, "DE", "1000.00", now.minus(Duration.ofHours(1)));
        for (String topic : List.of(FraudTopics.ACCOUNTS, control)) {
            send(serdes, topic, ACCOUNT, careful);
            send(serdes, topic, ACCOUNT, generous);
        }

        // Keep rolling segments (segment.ms is tiny) until the cleaner has compacted the control topic.
        long deadline = System.nanoTime() + WAIT.toNanos();
        int fillers = 0;
        while (versionsOf(control) > 1 && System.nanoTime() < deadline) {
            for (String topic : List.of(FraudTopics.ACCOUNTS, control)) {
                send(serdes, topic, "restore-filler-" + fillers, Payments.profile("restore-filler-" + fillers, "FR", "1.00", now));
            }
            fillers++;
            AppInstance.sleep(1_000);
        }
        assertThat(versionsOf(control)).as("the control topic (lag 0) was compacted").isEqualTo(1);
        // One more cleaner pass (15 s back-off) for payments.accounts, had its versions been cleanable.
        AppInstance.sleep(16_000);
        assertThat(versionsOf(FraudTopics.ACCOUNTS)).as("both versions stay within the lag").isEqualTo(2);

        // A fresh instance (own application id and state) rebuilds the history from the topic.
        restored = FraudInstance.start(Map.of("streams-kit.application-id", KafkaStack.uniqueName("fraud-restore")));
        restored.awaitReady(Duration.ofSeconds(90));
        String card = "4000009999999999";
        Transaction yesterday = Payments.card(card).account(ACCOUNT).amount("600.00").at(now.minus(Duration.ofDays(1)))
                .id("restore-yesterday").build();
        Transaction today = Payments.card(card).account(ACCOUNT).amount("600.00").at(now.minus(Duration.ofMinutes(5)))
                .id("restore-today").build();
        for (Transaction tx : List.of(yesterday, today)) {
            KafkaStack.produce(FraudTopics.TRANSACTIONS, card, tx, Serdes.String().serializer(),
                    serdes.valueSerde(Transaction.class).serializer());
        }

        List<ScoredTransaction> scored = awaitScored(serdes, List.of("restore-yesterday", "restore-today"));
        assertThat(scored).extracting(ScoredTransaction::getTransactionId).containsExactlyInAnyOrder("restore-yesterday", "restore-today");
        assertThat(scored).filteredOn(s -> s.getTransactionId().equals("restore-yesterday")).singleElement()
                .satisfies(s -> assertThat(s.getReasons()).contains(FraudReason.OUT_OF_PATTERN_AMOUNT));
        assertThat(scored).filteredOn(s -> s.getTransactionId().equals("restore-today")).singleElement()
                .satisfies(s -> assertThat(s.getReasons()).doesNotContain(FraudReason.OUT_OF_PATTERN_AMOUNT));
    }

    /** Compacted with the given lag, and cleanable as soon as the broker allows: tiny segments, any dirt. */
    private static void compactEagerly(String topic, String minCompactionLagMs) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Collection<AlterConfigOp> ops = List.of(
                set("cleanup.policy", "compact"), set("min.compaction.lag.ms", minCompactionLagMs),
                set("segment.ms", "100"), set("min.cleanable.dirty.ratio", "0.01"), set("delete.retention.ms", "0"));
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
        }
    }

    private static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
    }

    private static void send(AvroSerdes serdes, String topic, String key, AccountProfile profile) {
        KafkaStack.produce(topic, key, profile, Serdes.String().serializer(), serdes.valueSerde(AccountProfile.class).serializer());
    }

    private static long versionsOf(String topic) {
        return KafkaStack.readAll(topic).stream().filter(r -> r.key() != null && ACCOUNT.equals(new String(r.key())))
                .count();
    }

    private static List<ScoredTransaction> awaitScored(AvroSerdes serdes, List<String> ids) {
        Deserializer<ScoredTransaction> deserializer = serdes.valueSerde(ScoredTransaction.class).deserializer();
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ScoredTransaction> found = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            found = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : KafkaStack.readAll(FraudTopics.SCORED)) {
                ScoredTransaction tx = deserializer.deserialize(FraudTopics.SCORED, record.headers(), record.value());
                if (ids.contains(tx.getTransactionId())) {
                    found.add(tx);
                }
            }
            if (found.size() >= ids.size()) {
                return found;
            }
            AppInstance.sleep(500);
        }
        return found;
    }
}
