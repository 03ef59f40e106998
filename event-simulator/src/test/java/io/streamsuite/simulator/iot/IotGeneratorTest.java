package io.streamsuite.simulator.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.iot.DeviceRegistration;
import io.streamsuite.schemas.iot.SensorReading;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IotGeneratorTest {

    @Test
    void readingsComeFromRegisteredDevicesAndMisbehavingOnesShow() {
        IotGenerator generator = new IotGenerator(GeneratorSettings.of(3).withEventsPerSecond(40));
        Map<String, DeviceRegistration> registry = generator.referenceData().stream()
                .collect(Collectors.toMap(SimEvent::key, e -> (DeviceRegistration) e.value()));
        Map<String, IotGenerator.Behaviour> behaviour = generator.devices().stream()
                .collect(Collectors.toMap(IotGenerator.Device::deviceId, IotGenerator.Device::behaviour));
        Map<String, Long> lastSeen = new HashMap<>();
        Map<IotGenerator.Behaviour, Long> outOfRange = new HashMap<>();
        // Two simulated hours.
        for (int i = 0; i < 40 * 7_200; i++) {
            SimEvent event = generator.next();
            SensorReading reading = (SensorReading) event.value();
            DeviceRegistration device = registry.get(event.key());
            assertThat(device).isNotNull();
            assertThat(reading.getSensorType()).isEqualTo(device.getSensorType());
            lastSeen.put(event.key(), event.eventTimeMs());
            if (reading.getValue() > device.getThresholds().getMax() || reading.getValue() < device.getThresholds().getMin()) {
                outOfRange.merge(behaviour.get(event.key()), 1L, Long::sum);
            }
        }
        assertThat(behaviour.values()).contains(IotGenerator.Behaviour.values());
        long end = GeneratorSettings.DEFAULT_START.toEpochMilli() + 7_200_000L;
        List<String> silent = behaviour.entrySet().stream().filter(e -> e.getValue() == IotGenerator.Behaviour.SILENT)
                .map(Map.Entry::getKey).toList();
        // Silent devices stop within the first 30 minutes; everyone else reports to the end.
        assertThat(silent).allSatisfy(d -> assertThat(lastSeen.getOrDefault(d, 0L)).isLessThan(end - 60 * 60_000L));
        assertThat(lastSeen.entrySet()).filteredOn(e -> behaviour.get(e.getKey()) != IotGenerator.Behaviour.SILENT)
                .allSatisfy(e -> assertThat(e.getValue()).isGreaterThan(end - 2 * 60_000L));
        long drifting = outOfRange.getOrDefault(IotGenerator.Behaviour.DRIFTING, 0L);
        long spiking = outOfRange.getOrDefault(IotGenerator.Behaviour.SPIKING, 0L);
        long normal = outOfRange.getOrDefault(IotGenerator.Behaviour.NORMAL, 0L);
        assertThat(drifting).isGreaterThan(normal);
        assertThat(spiking).isGreaterThan(normal);
    }
}
