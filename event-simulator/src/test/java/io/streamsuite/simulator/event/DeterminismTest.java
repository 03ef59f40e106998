package io.streamsuite.simulator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.simulator.AvroBytes;
import io.streamsuite.simulator.EventSimulator;
import io.streamsuite.simulator.SimulatorOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeterminismTest {

    private static final GeneratorSettings SETTINGS = GeneratorSettings.of(42).withPopulation(2_000)
            .withFraudShare(0.05).withLateShare(0.02).withOutOfOrderShare(0.05).withEventsPerSecond(50);

    @ParameterizedTest
    @ValueSource(strings = {"payments", "web", "shop", "iot"})
    void sameSeedGivesTheSameEventsByteForByte(String domain) {
        assertThat(serialized(domain, SETTINGS, 5_000)).isEqualTo(serialized(domain, SETTINGS, 5_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "web", "shop", "iot"})
    void anotherSeedGivesOtherEvents(String domain) {
        List<String> first = serialized(domain, SETTINGS, 200);
        List<String> other = serialized(domain, new GeneratorSettings(43, SETTINGS.start(), SETTINGS.eventsPerSecond(),
                SETTINGS.fraudShare(), SETTINGS.lateShare(), SETTINGS.outOfOrderShare(), SETTINGS.lateness(),
                SETTINGS.population()), 200);
        assertThat(other).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "web", "shop", "iot"})
    void eventTimesFollowTheConfiguredStartNotTheWallClock(String domain) {
        DomainGenerator generator = EventSimulator.generators(List.of(domain), SETTINGS).get(0);
        long start = SETTINGS.start().toEpochMilli();
        for (int i = 0; i < 2_000; i++) {
            SimEvent event = generator.next();
            long lowest = event.kind() == SimEvent.Kind.LATE ? start - 31 * 60_000L : start - 20_000;
            assertThat(event.eventTimeMs()).isBetween(lowest, start + 3_600_000L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"payments", "web", "shop", "iot"})
    void lateAndOutOfOrderEventsComeAtTheirShares(String domain) {
        DomainGenerator generator = EventSimulator.generators(List.of(domain), SETTINGS).get(0);
        java.util.Map<String, Long> lastNormal = new java.util.HashMap<>();
        long late = 0;
        long outOfOrder = 0;
        long latest = Long.MIN_VALUE;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            SimEvent event = generator.next();
            switch (event.kind()) {
                case LATE -> {
                    late++;
                    assertThat(event.eventTimeMs()).isLessThanOrEqualTo(latest - 10 * 60_000L + 5_000);
                }
                case OUT_OF_ORDER -> {
                    outOfOrder++;
                    long previous = lastNormal.get(event.key());
                    assertThat(event.eventTimeMs()).isBetween(previous - 20_000, previous - 1_000);
                }
                default -> lastNormal.merge(event.key(), event.eventTimeMs(), Math::max);
            }
            if (event.kind() != SimEvent.Kind.LATE && event.kind() != SimEvent.Kind.OUT_OF_ORDER) {
                latest = Math.max(latest, event.eventTimeMs());
            }
        }
        assertThat(late / (double) n).isBetween(0.015, 0.025);
        // Out of order needs a previous event of the key, so early events of a key cannot be: a little under 5 %.
        assertThat(outOfOrder / (double) n).isBetween(0.03, 0.055);
    }

    @org.junit.jupiter.api.Test
    void generatorSettingsOfARunSplitTheRateOverItsDomains() {
        SimulatorOptions options = SimulatorOptions.parse("--bootstrap-servers=x:1", "--schema-registry-url=http://r",
                "--rate=200", "--domains=payments,web");
        assertThat(options.generatorSettings(SETTINGS.start()).eventsPerSecond()).isEqualTo(100.0);
    }

    private static List<String> serialized(String domain, GeneratorSettings settings, int n) {
        DomainGenerator generator = EventSimulator.generators(List.of(domain), settings).get(0);
        List<String> out = new ArrayList<>();
        for (SimEvent event : generator.referenceData()) {
            out.add(event.topic() + "|" + event.key() + "|" + event.eventTimeMs() + "|" + java.util.HexFormat.of().formatHex(AvroBytes.of(event.value())));
        }
        for (int i = 0; i < n; i++) {
            SimEvent event = generator.next();
            out.add(event.topic() + "|" + event.key() + "|" + event.eventTimeMs() + "|" + java.util.HexFormat.of().formatHex(AvroBytes.of(event.value())));
        }
        return out;
    }
}
