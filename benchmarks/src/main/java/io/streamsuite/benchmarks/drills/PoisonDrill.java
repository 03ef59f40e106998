package io.streamsuite.benchmarks.drills;

import io.streamsuite.kit.serde.AvroSerdes;
import io.streamsuite.localstack.ServiceProcess;
import io.streamsuite.schemas.payments.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Poison of every kind mixed into the stream at load: each poison record lands in the DLQ with its provenance,
 * every good record is scored exactly once, and the service never restarts (same pid, liveness UP throughout).
 */
final class PoisonDrill {

    /** Provenance every dead letter must carry (Kafka's KIP-1034 headers plus the kit's). */
    static final List<String> PROVENANCE = List.of("__streams.errors.topic", "__streams.errors.partition",
            "__streams.errors.offset", "__streams.errors.exception", "__streams.errors.application.id",
            "__streams.errors.task.id");

    private PoisonDrill() {
    }

    static DrillResult run(DrillStack stack, DrillSizes sizes, long seed) {
        DrillResult result = new DrillResult("poison at load (" + (int) (sizes.poisonShare() * 100) + " % of "
                + sizes.poisonRecords() + ")");
        ServiceProcess service = stack.startFraud(0, Map.of());
        service.awaitReady(Duration.ofMinutes(3));
        long pid = service.process().pid();
        Path ids = stack.data().resolve("poison.ids");
        try (StatusWatch liveness = StatusWatch.liveness(service)) {
            stack.runSimulator("simulator-poison", List.of("--count=" + sizes.poisonRecords(), "--rate=" + sizes.poisonRate(),
                    "--seed=" + seed, "--poison-share=" + sizes.poisonShare(), "--ids-file=" + ids), Duration.ofMinutes(15));
            stack.awaitDrained("fraud-detector", DrillStack.TRANSACTIONS, Duration.ofMinutes(10));
            result.count("liveness checks", liveness.checks()).count("liveness not UP", liveness.down());
            result.expect(liveness.down() == 0, "liveness UP throughout");
        }
        result.expect(service.process().isAlive() && service.process().pid() == pid, "same process (pid " + pid + ") throughout");

        Set<String> deadPositions = new HashSet<>();
        int missingProvenance = 0;
        List<ConsumerRecord<byte[], byte[]>> dead = stack.kafka().readAll(DrillStack.DLQ);
        for (ConsumerRecord<byte[], byte[]> letter : dead) {
            Map<String, String> headers = new HashMap<>();
            for (Header h : letter.headers()) {
                headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
            }
            if (!headers.keySet().containsAll(PROVENANCE)) {
                missingProvenance++;
            }
            if (DrillStack.TRANSACTIONS.equals(headers.get("__streams.errors.topic"))) {
                deadPositions.add(headers.get("__streams.errors.partition") + ":" + headers.get("__streams.errors.offset"));
            }
        }
        Deserializer<Transaction> transactions = AvroSerdes.fromConfig(Map.of("schema.registry.url", stack.directRegistryUrl(),
                "specific.avro.reader", true)).valueSerde(Transaction.class).deserializer();
        Map<String, Integer> scored = new Ledger(stack.kafka(), stack.directRegistryUrl()).scoredCounts();
        int input = 0;
        int good = 0;
        int goodNotScoredOnce = 0;
        int poisonAlsoScored = 0;
        for (ConsumerRecord<byte[], byte[]> record : stack.kafka().readAll(DrillStack.TRANSACTIONS)) {
            input++;
            boolean inDlq = deadPositions.contains(record.partition() + ":" + record.offset());
            String id = decodableId(transactions, record.value());
            if (inDlq) {
                if (id != null && scored.containsKey(id)) {
                    poisonAlsoScored++;
                }
            } else {
                good++;
                if (id == null || scored.getOrDefault(id, 0) != 1) {
                    goodNotScoredOnce++;
                }
            }
        }
        int sentIds = Ledger.sentIds(ids).size();
        result.count("input", input).count("dead letters", dead.size()).count("poison from input", deadPositions.size())
                .count("good", good).count("ids sent", sentIds).count("good not scored once", goodNotScoredOnce)
                .count("poison also scored", poisonAlsoScored).count("dead letters without provenance", missingProvenance);
        result.expect(deadPositions.size() >= sizes.poisonShare() * input * 0.5,
                "about " + (int) (sizes.poisonShare() * 100) + " % of the input in the DLQ (at least half that)");
        result.expect(missingProvenance == 0, "every dead letter carries " + PROVENANCE);
        result.expect(goodNotScoredOnce == 0, "every good record scored exactly once");
        result.expect(poisonAlsoScored == 0, "no poison record also scored");
        return result;
    }

    private static String decodableId(Deserializer<Transaction> deserializer, byte[] value) {
        try {
            Transaction t = deserializer.deserialize(DrillStack.TRANSACTIONS, value);
            return t == null ? null : t.getTransactionId();
        } catch (RuntimeException poison) {
            return null;
        }
    }
}
