package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.Processes;
import io.streamsuite.localstack.ChildProcess;
import io.streamsuite.localstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The registry cut off from the service (through the proxy; its storage is in memory, so it is not stopped) before
 * the service has seen a record, so no schema is cached: nothing may be dead-lettered, and everything is processed
 * once it is back.
 */
final class RegistryOutageDrill {

    private RegistryOutageDrill() {
    }

    static DrillResult run(DrillStack stack, DrillSizes sizes, long seed) {
        DrillResult result = new DrillResult("registry outage (" + sizes.registryOutageSeconds() + " s)");
        ServiceProcess service = stack.startFraud(0, Map.of());
        service.awaitReady(Duration.ofMinutes(3));
        Path ids = stack.data().resolve("registry.ids");
        long cutAt = System.nanoTime();
        stack.registryCut().cut();
        ChildProcess simulator = stack.simulator("simulator-registry", List.of("--count=" + sizes.registryRecords(),
                "--rate=" + sizes.registryRate(), "--seed=" + seed, "--poison-share=0", "--ids-file=" + ids));
        Processes.sleep(Math.max(0, sizes.registryOutageSeconds() * 1000L - (System.nanoTime() - cutAt) / 1_000_000));
        int scoredDuringOutage = stack.kafka().readAll(Ledger.SCORED).size();
        stack.registryCut().restore();
        while (simulator.isAlive()) {
            Processes.sleep(500);
        }
        stack.awaitDrained("fraud-detector", DrillStack.TRANSACTIONS, Duration.ofMinutes(10));
        int deadLetters = stack.kafka().readAll(DrillStack.DLQ).size();
        result.count("scored during outage", scoredDuringOutage).count("dead letters", deadLetters);
        result.expect(deadLetters == 0, "no record dead-lettered");
        Ledger.checkExactlyOnce(result, Ledger.sentIds(ids), new Ledger(stack.kafka(), stack.directRegistryUrl()).scoredCounts());
        return result;
    }
}
