package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.Processes;
import io.streamsuite.localstack.ChildProcess;
import io.streamsuite.localstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry cut off from two fraud-detector instances (through the proxy; its storage is in memory, so it is not
 * stopped) before they have seen a record, so no schema is cached: nothing may be dead-lettered, liveness stays UP
 * on both throughout, interactive queries answer on both throughout (the kit's main consumer holds the records whose
 * writer schema it cannot fetch, so no stream thread fails and no task closes: not one 503), and everything is
 * processed exactly once when it is back.
 */
final class RegistryOutageDrill {

    /** A store query every instance answers (fanned out over both): the card-risk store, first page. */
    static final String QUERY = "/api/stores/fraud.card-risk/keys?limit=5";

    private RegistryOutageDrill() {
    }

    static DrillResult run(DrillStack stack, DrillSizes sizes, long seed) {
        DrillResult result = new DrillResult("registry outage (" + sizes.registryOutageSeconds() + " s, 2 instances)");
        List<ServiceProcess> services = List.of(stack.startFraud(0, Map.of()), stack.startFraud(1, Map.of()));
        services.forEach(service -> service.awaitReady(Duration.ofMinutes(3)));
        Path ids = stack.data().resolve("registry.ids");
        List<StatusWatch> liveness = new ArrayList<>();
        List<StatusWatch> queries = new ArrayList<>();
        services.forEach(service -> {
            liveness.add(StatusWatch.liveness(service));
            queries.add(StatusWatch.of(service, QUERY));
        });
        int scoredDuringOutage;
        try {
            long cutAt = System.nanoTime();
            stack.registryCut().cut();
            ChildProcess simulator = stack.simulator("simulator-registry", List.of("--count=" + sizes.registryRecords(),
                    "--rate=" + sizes.registryRate(), "--seed=" + seed, "--poison-share=0", "--ids-file=" + ids));
            Processes.sleep(Math.max(0, sizes.registryOutageSeconds() * 1000L - (System.nanoTime() - cutAt) / 1_000_000));
            scoredDuringOutage = stack.kafka().readAll(Ledger.SCORED).size();
            stack.registryCut().restore();
            while (simulator.isAlive()) {
                Processes.sleep(500);
            }
            stack.awaitDrained("fraud-detector", DrillStack.TRANSACTIONS, Duration.ofMinutes(10));
        } finally {
            liveness.forEach(StatusWatch::close);
            queries.forEach(StatusWatch::close);
        }
        int deadLetters = stack.kafka().readAll(DrillStack.DLQ).size();
        result.count("scored during outage", scoredDuringOutage).count("dead letters", deadLetters);
        for (int i = 0; i < services.size(); i++) {
            result.count("instance " + i + " liveness checks", liveness.get(i).checks())
                    .count("instance " + i + " liveness not UP", liveness.get(i).down())
                    .count("instance " + i + " queries", queries.get(i).checks())
                    .count("instance " + i + " queries 503", queries.get(i).unavailable())
                    .count("instance " + i + " queries unanswered in 3 s", queries.get(i).unanswered())
                    .count("instance " + i + " queries other", queries.get(i).other());
            result.expect(liveness.get(i).down() == 0, "liveness UP throughout on instance " + i);
            result.expect(queries.get(i).unavailable() == 0 && queries.get(i).other() == 0,
                    "queries answered throughout on instance " + i);
        }
        result.expect(deadLetters == 0, "no record dead-lettered");
        Ledger.checkExactlyOnce(result, Ledger.sentIds(ids), new Ledger(stack.kafka(), stack.directRegistryUrl()).scoredCounts());
        return result;
    }
}
