package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.schemas.payments.FraudAlert;
import io.streamsuite.schemas.payments.ScoredTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The books of a drill: the transaction ids the simulator sent (its --ids-file, one per line) against what the
 * committed output holds, decoded with the kit's own serde through the real registry.
 */
public final class Ledger {

    public static final String SCORED = "payments.transactions.scored";
    public static final String ALERTS = "fraud.alerts";

    private final KafkaOps kafka;
    private final Deserializer<ScoredTransaction> scored;
    private final Deserializer<FraudAlert> alerts;

    public Ledger(KafkaOps kafka, String registryUrl) {
        this.kafka = kafka;
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true));
        this.scored = serdes.valueSerde(ScoredTransaction.class).deserializer();
        this.alerts = serdes.valueSerde(FraudAlert.class).deserializer();
    }

    public static Set<String> sentIds(Path idsFile) {
        try {
            Set<String> ids = new LinkedHashSet<>();
            for (String line : Files.readAllLines(idsFile)) {
                String id = line.trim();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException("No ids file from the simulator at " + idsFile, e);
        }
    }

    /** Transaction id → how many times the committed scored topic holds it. */
    public Map<String, Integer> scoredCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(SCORED)) {
            counts.merge(scored.deserialize(SCORED, record.value()).getTransactionId(), 1, Integer::sum);
        }
        return counts;
    }

    /** The alerts as comparable facts (transaction, score, reasons): alert ids and detection times differ per run. */
    public List<String> alertFacts(Set<String> ofTransactions, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<String> facts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(ALERTS)) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < from.getOrDefault(tp, 0L) || record.offset() >= to.getOrDefault(tp, Long.MAX_VALUE)) {
                continue;
            }
            FraudAlert alert = alerts.deserialize(ALERTS, record.value());
            if (ofTransactions.contains(alert.getTransactionId())) {
                facts.add(alert.getTransactionId() + " score=" + alert.getScore() + " reasons=" + new TreeSet<>(
                        alert.getReasons().stream().map(Object::toString).toList()));
            }
        }
        facts.sort(null);
        return facts;
    }

    /** Checks the exactly-once books: every sent id scored once, none twice, nothing unknown. */
    public static void checkExactlyOnce(DrillResult result, Set<String> sent, Map<String, Integer> scored) {
        long lost = sent.stream().filter(id -> !scored.containsKey(id)).count();
        long duplicated = scored.entrySet().stream().filter(e -> sent.contains(e.getKey()) && e.getValue() > 1).count();
        result.count("sent", sent.size()).count("scored", scored.values().stream().mapToInt(Integer::intValue).sum())
                .count("lost", lost).count("duplicated", duplicated);
        result.expect(!sent.isEmpty(), "the simulator recorded the ids it sent");
        result.expect(lost == 0, "0 lost (every sent transaction scored)");
        result.expect(duplicated == 0, "0 duplicated (read_committed)");
    }
}
