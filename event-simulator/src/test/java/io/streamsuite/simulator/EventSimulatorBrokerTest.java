package io.streamsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.payments.Transaction;
import io.streamsuite.kit.test.KafkaStack;
import io.streamsuite.kit.test.WithKafkaStack;
import io.streamsuite.simulator.send.PoisonKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against a real broker and a real registry: topics, poison bytes, counts, ids, rate. */
@WithKafkaStack
class EventSimulatorBrokerTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryDomainWithPoisonOfEveryKindAndCountsMatchWhatLanded() throws Exception {
        Path ids = dir.resolve("ids.txt");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SimulationSummary summary = EventSimulator.run(SimulatorOptions.parse(
                "--bootstrap-servers=" + KafkaStack.bootstrapServers(),
                "--schema-registry-url=" + KafkaStack.schemaRegistryUrl(),
                "--count=3000", "--rate=3000", "--poison-share=0.1", "--fraud-share=0.05", "--late-share=0.02",
                "--out-of-order-share=0.05", "--population=300", "--seed=11", "--ids-file=" + ids,
                "--max-in-flight=50", "--progress-interval=1s"), new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(summary.hasErrors()).isFalse();
        assertThat(summary.maxObservedInFlight()).isBetween(1, 50);
        assertThat(summary.byDomain().keySet()).containsExactly("iot", "payments", "shop", "web");
        try (Admin admin = Admin.create(KafkaStack.clientConfig())) {
            var descriptions = admin.describeTopics(DomainTopics.ALL).allTopicNames().get();
            assertThat(descriptions.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
            var configs = admin.describeConfigs(DomainTopics.ALL.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get();
            configs.forEach((resource, config) -> assertThat(config.get("cleanup.policy").value())
                    .isEqualTo(DomainTopics.COMPACTED.contains(resource.name()) ? "compact" : "delete"));
        }

        Map<PoisonKind, Integer> poisonLanded = new EnumMap<>(PoisonKind.class);
        long streamRecords = 0;
        // The catalog topic carries stream events too (stock changes, poison among them) beside its reference data.
        for (String topic : List.of(DomainTopics.PAYMENTS_TRANSACTIONS, DomainTopics.WEB_PAGE_VIEWS,
                DomainTopics.SHOP_INTERACTIONS, DomainTopics.IOT_SENSOR_READINGS, DomainTopics.SHOP_ITEMS)) {
            List<ConsumerRecord<byte[], byte[]>> records = KafkaStack.readAll(topic);
            assertThat(records).hasSize((int) summary.byTopic().get(topic).sent());
            if (!topic.equals(DomainTopics.SHOP_ITEMS)) {
                streamRecords += records.size();
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String kind = KafkaStack.headersAsText(record).get(PoisonKind.HEADER);
                byte[] value = record.value();
                if (kind == null) {
                    assertThat(value[0]).isZero();
                    continue;
                }
                PoisonKind poison = PoisonKind.valueOf(kind);
                poisonLanded.merge(poison, 1, Integer::sum);
                switch (poison) {
                    case GARBAGE_BYTES -> assertThat(value[0]).isNotZero();
                    case WRONG_MAGIC_BYTE -> assertThat(value[0]).isEqualTo((byte) 1);
                    case UNKNOWN_SCHEMA_ID -> {
                        assertThat(value[0]).isZero();
                        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).isEqualTo(PoisonKind.UNKNOWN_ID);
                    }
                }
            }
        }
        // Stock changes are stream events on the catalog topic: each re-sends an item the catalog already holds.
        List<ConsumerRecord<byte[], byte[]>> catalog = KafkaStack.readAll(DomainTopics.SHOP_ITEMS);
        long stockChanges = catalog.size() - catalog.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).distinct().count();
        assertThat(streamRecords + stockChanges).isEqualTo(3000);
        for (PoisonKind kind : PoisonKind.values()) {
            assertThat(poisonLanded.get(kind)).isPositive().isEqualTo(summary.total().poison().get(kind).intValue());
        }
        assertThat(summary.total().poisonTotal()).isBetween(200L, 400L);
        assertThat(summary.total().late()).isPositive();
        assertThat(summary.total().outOfOrder()).isPositive();
        assertThat(summary.byTopic().get(DomainTopics.PAYMENTS_TRANSACTIONS).fraud()).isPositive();

        // Good records decode through the project's serde, and the ids file names exactly the transactions sent.
        Deserializer<Transaction> transactions = AvroSerdes.fromConfig(Map.of("schema.registry.url",
                KafkaStack.schemaRegistryUrl(), "specific.avro.reader", true)).valueSerde(Transaction.class).deserializer();
        Set<String> sentIds = KafkaStack.readAll(DomainTopics.PAYMENTS_TRANSACTIONS).stream()
                .filter(r -> r.headers().lastHeader(PoisonKind.HEADER) == null)
                .map(r -> transactions.deserialize(r.topic(), r.value()).getTransactionId())
                .collect(Collectors.toSet());
        // Lines starting with '#' describe the iot devices' behaviours; the rest are transaction ids.
        List<String> written = Files.readAllLines(ids).stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(written).hasSize(sentIds.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(written)).isEqualTo(sentIds);
        assertThat(summary.transactionIdsWritten()).isEqualTo(written.size());
        assertThat(KafkaStack.readAll(DomainTopics.PAYMENTS_ACCOUNTS)).hasSize(300);

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("created topics").contains(DomainTopics.PAYMENTS_ACCOUNTS);
        assertThat(summary.render()).startsWith("event-simulator summary: sent=" + summary.total().sent() + " errors=0");
        assertThat(summary.render()).contains("payments.transactions").contains("garbage_bytes / wrong_magic_byte / unknown_schema_id");
    }

    @Test
    void holdsTheTargetRateWithinTenPercent() {
        SimulationSummary summary = EventSimulator.run(SimulatorOptions.parse(
                "--bootstrap-servers=" + KafkaStack.bootstrapServers(),
                "--schema-registry-url=" + KafkaStack.schemaRegistryUrl(),
                "--domains=web", "--rate=400", "--duration=5s", "--seed=5"), new PrintStream(new ByteArrayOutputStream()));
        long sent = summary.byTopic().get(DomainTopics.WEB_PAGE_VIEWS).sent();
        // 400/s for 5 s; the elapsed time also holds topic checks and the final flush, so measure against the plan.
        assertThat(sent).isBetween(1_800L, 2_200L);
        assertThat(summary.hasErrors()).isFalse();
    }
}
