package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.Processes;
import io.streamsuite.localstack.ChildProcess;
import io.streamsuite.localstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Two fraud-detector processes; while the simulator sends a known set of transactions, one of them is killed with
 * SIGKILL at random moments and restarted on its own state dir. Then: every sent transaction scored exactly once
 * (read_committed), and the alerts equal those of an uninterrupted instance over the same input.
 */
final class CrashDrill {

    private static final String REFERENCE_APP_ID = "fraud-detector-reference";

    private CrashDrill() {
    }

    static DrillResult run(DrillStack stack, DrillSizes sizes, long seed) {
        DrillResult result = new DrillResult("crash (kill -9 × " + sizes.kills() + ")");
        Random random = new Random(seed);
        ServiceProcess steady = stack.startFraud(0, Map.of());
        ServiceProcess victim = stack.startFraud(1, Map.of());
        steady.awaitReady(Duration.ofMinutes(3));
        victim.awaitReady(Duration.ofMinutes(3));

        Path ids = stack.data().resolve("crash.ids");
        ChildProcess simulator = stack.simulator("simulator-crash", List.of("--count=" + sizes.crashRecords(),
                "--rate=" + sizes.crashRate(), "--seed=" + seed, "--poison-share=0", "--ids-file=" + ids));
        long sendMillis = 1000L * sizes.crashRecords() / sizes.crashRate();
        long slot = sendMillis / sizes.kills();
        int killed = 0;
        for (int k = 0; k < sizes.kills(); k++) {
            // A random moment within this kill's share of the sending time.
            Processes.sleep(500 + (long) (random.nextDouble() * Math.max(1, slot - 500)));
            victim.process().kill();
            killed++;
            System.out.println("[drills] crash: killed instance pid " + victim.process().pid() + " (" + killed + "/" + sizes.kills() + ")");
            Processes.sleep(1000 + random.nextInt(2000));
            victim = stack.startFraud(1, Map.of());
            victim.awaitReady(Duration.ofMinutes(3));
        }
        while (simulator.isAlive()) {
            Processes.sleep(500);
        }
        stack.awaitDrained("fraud-detector", DrillStack.TRANSACTIONS, Duration.ofMinutes(10));
        Set<String> sent = Ledger.sentIds(ids);
        Ledger ledger = new Ledger(stack.kafka(), stack.directRegistryUrl());
        result.count("kills", killed);
        Ledger.checkExactlyOnce(result, sent, ledger.scoredCounts());
        result.expect(killed == sizes.kills(), sizes.kills() + " kills done");

        Map<TopicPartition, Long> crashRunEnd = stack.kafka().endOffsets(Ledger.ALERTS);
        steady.close();
        victim.close();
        ServiceProcess reference = stack.startFraud(2, Map.of("SPRING_APPLICATION_JSON",
                "{\"streams-kit\":{\"application-id\":\"" + REFERENCE_APP_ID + "\"}}"));
        reference.awaitReady(Duration.ofMinutes(3));
        stack.awaitDrained(REFERENCE_APP_ID, DrillStack.TRANSACTIONS, Duration.ofMinutes(10));
        Map<TopicPartition, Long> referenceEnd = stack.kafka().endOffsets(Ledger.ALERTS);
        reference.close();
        List<String> crashAlerts = ledger.alertFacts(sent, Map.of(), crashRunEnd);
        List<String> referenceAlerts = ledger.alertFacts(sent, crashRunEnd, referenceEnd);
        result.count("alerts", crashAlerts.size()).count("reference alerts", referenceAlerts.size());
        result.expect(crashAlerts.equals(referenceAlerts), "the alerts equal those of an uninterrupted run on the same input");
        result.expect(!referenceAlerts.isEmpty(), "the input produced some alerts to compare (simulator fraud share)");
        return result;
    }
}
