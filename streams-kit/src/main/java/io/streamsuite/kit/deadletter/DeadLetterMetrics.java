package io.streamsuite.kit.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The dead-letter counters; handed to the Kafka-instantiated handlers through the Streams config map. */
public final class DeadLetterMetrics {

    public static final String DEAD_LETTERS = "streams.dead.letters";
    public static final String TRANSIENT_FAILURES = "streams.transient.failures";
    public static final String FATAL_FAILURES = "streams.fatal.failures";

    private static final DeadLetterMetrics OUTSIDE_SPRING = new DeadLetterMetrics(new SimpleMeterRegistry());

    private final MeterRegistry registry;

    public DeadLetterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * For handlers running without Spring (e.g. under TopologyTestDriver). Not Micrometer's global registry: every
     * Spring app started later in the same JVM joins that one and would inherit these counters (at zero).
     */
    static DeadLetterMetrics outsideSpring() {
        return OUTSIDE_SPRING;
    }

    void deadLettered(Reason reason, Throwable failure) {
        counter(DEAD_LETTERS, reason, failure).increment();
    }

    void transientFailure(Reason reason, Throwable failure) {
        counter(TRANSIENT_FAILURES, reason, failure).increment();
    }

    void fatalFailure(Reason reason, Throwable failure) {
        counter(FATAL_FAILURES, reason, failure).increment();
    }

    private Counter counter(String name, Reason reason, Throwable failure) {
        return Counter.builder(name)
                .description(switch (name) {
                    case DEAD_LETTERS -> "Records sent to the dead-letter topic";
                    case FATAL_FAILURES -> "Authentication or authorization failures: the service stops if they recur";
                    default -> "Failures left to the thread replacement and exactly-once retry, not dead-lettered";
                })
                .tag("reason", reason.tag())
                .tag("exception", failure.getClass().getSimpleName())
                .register(registry);
    }
}
