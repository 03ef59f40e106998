package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.Processes;
import io.streamsuite.localstack.ChildProcess;
import io.streamsuite.localstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The broker stopped mid-stream and started again: the service recovers by itself, nothing lost or duplicated. */
final class BrokerRestartDrill {

    private BrokerRestartDrill() {
    }

    static DrillResult run(DrillStack stack, DrillSizes sizes, long seed) {
        DrillResult result = new DrillResult("broker restart (" + sizes.brokerOutageSeconds() + " s down)");
        ServiceProcess service = stack.startFraud(0, Map.of());
        service.awaitReady(Duration.ofMinutes(3));
        long pid = service.process().pid();
        Path ids = stack.data().resolve("broker.ids");
        ChildProcess simulator = stack.simulator("simulator-broker", List.of("--count=" + sizes.brokerRecords(),
                "--rate=" + sizes.brokerRate(), "--seed=" + seed, "--poison-share=0", "--ids-file=" + ids));
        Processes.sleep(1000L * sizes.brokerRecords() / sizes.brokerRate() / 3);
        stack.broker().stop();
        System.out.println("[drills] broker stopped for " + sizes.brokerOutageSeconds() + " s");
        Processes.sleep(sizes.brokerOutageSeconds() * 1000L);
        stack.broker().start();
        System.out.println("[drills] broker started again");
        while (simulator.isAlive()) {
            Processes.sleep(500);
        }
        stack.awaitDrained("fraud-detector", DrillStack.TRANSACTIONS, Duration.ofMinutes(10));
        service.awaitReady(Duration.ofMinutes(2));
        result.expect(service.process().isAlive() && service.process().pid() == pid,
                "the service recovered without a restart (same pid " + pid + ")");
        Ledger.checkExactlyOnce(result, Ledger.sentIds(ids), new Ledger(stack.kafka(), stack.directRegistryUrl()).scoredCounts());
        return result;
    }
}
