package io.streamsuite.benchmarks.drills;

import io.streamsuite.benchmarks.KafkaOps;
import io.streamsuite.localstack.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service run twice on the same input at the same time: the crashed run (instance 0, on the drill's broker),
 * killed with SIGKILL and restarted on its own state dir, and an uninterrupted reference run (instance 1, on the
 * reference broker). Both keep the service's own application id; the brokers keep their outputs apart.
 */
final class CrashPair implements AutoCloseable {

    static final Duration START = Duration.ofMinutes(3);
    static final Duration DRAIN = Duration.ofMinutes(3);

    private final DrillStack stack;
    private final String module;
    private final Map<String, String> environment;
    private final ServiceProcess reference;
    private ServiceProcess crashed;
    private int kills;

    private CrashPair(DrillStack stack, String module, Map<String, String> environment) {
        this.stack = stack;
        this.module = module;
        this.environment = environment;
        this.crashed = stack.startService(module, 0, stack.kafka().bootstrap(), environment);
        this.reference = stack.startService(module, 1, stack.referenceKafka().bootstrap(), environment);
    }

    /**
     * Starts both runs and waits until both are ready; {@code properties} (Spring property names) are the same for
     * both, passed as {@code SPRING_APPLICATION_JSON}.
     */
    static CrashPair start(DrillStack stack, String module, Map<String, String> properties) {
        Map<String, String> all = new TreeMap<>(properties);
        // A killed member leaves the group after its session times out; 6 s (the broker's minimum) keeps the
        // restarted instance from waiting out Kafka's 45 s default before it gets its tasks back.
        all.put("streams-kit.properties[consumer.session.timeout.ms]", "6000");
        all.put("streams-kit.properties[consumer.heartbeat.interval.ms]", "1000");
        StringBuilder json = new StringBuilder("{");
        all.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":\"")
                .append(value).append('"'));
        CrashPair pair = new CrashPair(stack, module, Map.of("SPRING_APPLICATION_JSON", json.append('}').toString()));
        pair.crashed.awaitReady(START);
        pair.reference.awaitReady(START);
        stack.log(module + ": crashed and reference runs ready");
        return pair;
    }

    KafkaOps crashedKafka() {
        return stack.kafka();
    }

    KafkaOps referenceKafka() {
        return stack.referenceKafka();
    }

    /** SIGKILL of the crashed run's process, and a new one on the same state dir at once (not waited for). */
    void killAndRestart() {
        crashed.process().kill();
        kills++;
        stack.log(module + ": killed pid " + crashed.process().pid() + " (kill " + kills + ")");
        crashed = stack.startService(module, 0, stack.kafka().bootstrap(), environment);
    }

    boolean crashedReady() {
        return crashed.readiness() == 200;
    }

    void awaitCrashedReady() {
        crashed.awaitReady(START);
    }

    int kills() {
        return kills;
    }

    /** Both runs have committed every record of {@code input} and of their internal topics. */
    void awaitDrained(String input) {
        stack.log(module + ": waiting until both runs have drained " + input);
        DrillStack.awaitDrained(stack.kafka(), module, input, DRAIN);
        DrillStack.awaitDrained(stack.referenceKafka(), module, input, DRAIN);
    }

    @Override
    public void close() {
        crashed.close();
        reference.close();
    }
}
